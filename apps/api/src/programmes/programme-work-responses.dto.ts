import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ObligationKind,
  ObligationStatus,
  ProgressReportStatus,
  RevisionKind,
  RevisionRoute,
  RevisionStatus,
} from '@mptf/programmes';
import { FieldChangeDto } from '../proposals/proposal-responses.dto';

/** The answers of the programme-work routes (libs/programmes), as the OpenAPI document names them. */

export class ObligationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ObligationKind, enumName: 'ObligationKind' }) kind: ObligationKind;
  @ApiProperty({ nullable: true, type: Number, description: 'the reporting year (null for final reports)' })
  year: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the agency a financial report is owed by' })
  orgCode: string | null;
  @ApiProperty({ example: 'IOM' }) convenerCode: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ObligationStatus, enumName: 'ObligationStatus' }) status: ObligationStatus;
  @ApiProperty({ nullable: true, type: Number, description: 'days past the due date while OVERDUE' })
  daysOverdue: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) submittedOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'days it was submitted after its due date' })
  lateByDays: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) progressReportId: string | null;
}

export class ObligationPageDto {
  @ApiProperty({ type: ObligationDto, isArray: true }) items: ObligationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ObligationCountsDto {
  @ApiProperty() DUE: number;
  @ApiProperty() OVERDUE: number;
  @ApiProperty() SUBMITTED: number;
  @ApiProperty() ACCEPTED: number;
}

class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class VersionBudgetLineDto {
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: 1 }) categoryCode: number;
  @ApiProperty({ example: '125000.00' }) amount: string;
}

class OrgAmountDto {
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: '50000.00' }) amount: string;
}

class VersionIndicatorDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
}

class VersionResultDto {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['OUTCOME', 'OUTPUT'] }) type: 'OUTCOME' | 'OUTPUT';
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) parentKey: string | null;
  @ApiProperty({ type: VersionIndicatorDto, isArray: true }) indicators: VersionIndicatorDto[];
}

export class ProgrammeVersionContentDto {
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: VersionBudgetLineDto, isArray: true }) budgetLines: VersionBudgetLineDto[];
  @ApiProperty({ type: OrgAmountDto, isArray: true }) additionalFunding: OrgAmountDto[];
  @ApiProperty({ type: VersionResultDto, isArray: true }) results: VersionResultDto[];
}

export class ProgrammeVersionEntryDto {
  @ApiProperty({ description: '0: the approved proposal; n: the n-th approved revision’s version' })
  version: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) revisionId: string | null;
  @ApiProperty({ nullable: true, type: Number }) revisionNumber: number | null;
  @ApiProperty({ nullable: true, enum: RevisionKind, enumName: 'RevisionKind' }) kind: RevisionKind | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) inForceFrom: string | null;
  @ApiProperty({ type: ProgrammeVersionContentDto }) content: ProgrammeVersionContentDto;
  @ApiProperty({ type: FieldChangeDto, isArray: true }) changes: FieldChangeDto[];
}

export class ProgressReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) obligationId: string;
  @ApiProperty({ enum: ObligationKind, enumName: 'ObligationKind' }) kind: ObligationKind;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ProgressReportStatus, enumName: 'ProgressReportStatus' }) status: ProgressReportStatus;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) firstSubmittedOn: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) acceptedOn: string | null;
}

class ReportOutcomeDto {
  @ApiProperty() key: string;
  @ApiProperty() title: string;
}

class ReportSectionDto {
  @ApiProperty() resultKey: string;
  @ApiProperty() orgCode: string;
  @ApiProperty() progress: string;
  @ApiProperty() challenges: string;
  @ApiProperty() adjustments: string;
  @ApiProperty() genderHumanRights: string;
  @ApiProperty() story: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class LinkedActualDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() indicatorKey: string;
  @ApiProperty() indicatorTitle: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ nullable: true, type: String }) value: string | null;
  @ApiProperty() status: string;
}

class ReportVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the sections as submitted' })
  content: unknown;
  @ApiProperty({ type: PersonDto }) submittedBy: PersonDto;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ nullable: true, enum: ['ACCEPTED', 'RETURNED'] }) outcome: 'ACCEPTED' | 'RETURNED' | null;
  @ApiProperty({ nullable: true, type: String }) reviewComment: string | null;
  @ApiProperty({ nullable: true, type: PersonDto }) reviewedBy: PersonDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reviewedAt: string | null;
}

export class ProgressReportDto extends ProgressReportSummaryDto {
  @ApiProperty() convenerCode: string;
  @ApiProperty({ type: ReportOutcomeDto, isArray: true }) outcomes: ReportOutcomeDto[];
  @ApiProperty() versionInForce: number;
  @ApiProperty({ type: ReportSectionDto, isArray: true }) sections: ReportSectionDto[];
  @ApiProperty({ type: LinkedActualDto, isArray: true }) actuals: LinkedActualDto[];
  @ApiProperty({ type: ReportVersionDto, isArray: true }) versions: ReportVersionDto[];
}

class RouteReasonDto {
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional() rule?: string;
  @ApiProperty() message: string;
}

class ProposedRevisionDto {
  @ApiPropertyOptional({ format: 'date' }) endDate?: string;
  @ApiPropertyOptional({ type: VersionBudgetLineDto, isArray: true }) budgetLines?: VersionBudgetLineDto[];
  @ApiPropertyOptional({ type: VersionResultDto, isArray: true }) results?: VersionResultDto[];
  @ApiPropertyOptional({ type: OrgAmountDto, isArray: true }) additionalAllocations?: OrgAmountDto[];
}

export class ProgrammeRevisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() reference: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: RevisionKind, enumName: 'RevisionKind' }) kind: RevisionKind;
  @ApiProperty({ enum: RevisionStatus, enumName: 'RevisionStatus' }) status: RevisionStatus;
  @ApiProperty({ enum: RevisionRoute, enumName: 'RevisionRoute' }) route: RevisionRoute;
  @ApiProperty({ type: RouteReasonDto, isArray: true, description: 'why the Committee decides it' })
  routeReasons: RouteReasonDto[];
  @ApiProperty() justification: string;
  @ApiProperty({ type: ProposedRevisionDto }) proposed: ProposedRevisionDto;
  @ApiProperty({ type: ProgrammeVersionContentDto }) beforeVersion: ProgrammeVersionContentDto;
  @ApiProperty({ type: ProgrammeVersionContentDto }) afterVersion: ProgrammeVersionContentDto;
  @ApiProperty({ type: OrgAmountDto, isArray: true }) additionalAllocations: OrgAmountDto[];
  @ApiProperty({ type: PersonDto }) requestedBy: PersonDto;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) meetingId: string | null;
  @ApiProperty({ nullable: true, type: PersonDto }) decidedBy: PersonDto | null;
  @ApiProperty({ nullable: true, enum: ['FUND_UNIT', 'CHAIR', 'ACTING_CHAIR'] }) decidedAs:
    'FUND_UNIT' | 'CHAIR' | 'ACTING_CHAIR' | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) decidedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionComment: string | null;
  @ApiProperty({ type: FieldChangeDto, isArray: true, description: 'against the version it revises' })
  changes: FieldChangeDto[];
}
