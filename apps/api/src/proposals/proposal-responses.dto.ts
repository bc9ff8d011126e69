import { ApiProperty } from '@nestjs/swagger';
import { DocumentKind, ProposalScope, ProposalStage, ProposalStatus } from '@mptf/proposals';
import { MarkersDto, NationalPartnerDto } from './proposal.dto';

/** What the proposal routes answer (OpenAPI): the requests are in proposal.dto.ts. */

export class OrganizationBudgetDto {
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: '500000.00' }) direct: string;
  @ApiProperty({ example: '35000.00', description: 'category 8, computed at the indirect rate' })
  indirect: string;
  @ApiProperty({ example: '535000.00' }) total: string;
}

export class BudgetDto {
  @ApiProperty({ type: OrganizationBudgetDto, isArray: true }) byOrganization: OrganizationBudgetDto[];
  @ApiProperty({ example: '800000.00' }) direct: string;
  @ApiProperty({ example: '56000.00' }) indirect: string;
  @ApiProperty({ example: '856000.00' }) total: string;
}

export class BudgetLineViewDto {
  @ApiProperty() orgCode: string;
  @ApiProperty() categoryCode: number;
  @ApiProperty({ example: '250000.00' }) amount: string;
}

export class EndorsementViewDto {
  @ApiProperty() endorsed: boolean;
  @ApiProperty({ nullable: true, type: String }) date: string | null;
}

export class ProposalDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ProposalStage }) stage: ProposalStage;
  @ApiProperty({ enum: ProposalScope }) scope: ProposalScope;
  @ApiProperty({ enum: ProposalStatus }) status: ProposalStatus;
  @ApiProperty({ description: 'latest submitted revision; 0 while never submitted' }) version: number;
  @ApiProperty({ type: String, isArray: true }) countryCodes: string[];
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty({ type: Number, isArray: true }) gcmObjectiveCodes: number[];
  @ApiProperty() convenerCode: string;
  @ApiProperty({ type: String, isArray: true }) participatingOrgCodes: string[];
  @ApiProperty() durationMonths: number;
  @ApiProperty({ type: MarkersDto }) markers: MarkersDto;
  @ApiProperty({ type: EndorsementViewDto, nullable: true }) governmentEndorsement: EndorsementViewDto | null;
  @ApiProperty({ type: NationalPartnerDto, isArray: true }) nationalPartners: NationalPartnerDto[];
  @ApiProperty({ type: BudgetLineViewDto, isArray: true }) budgetLines: BudgetLineViewDto[];
  @ApiProperty({ example: '0.07' }) indirectRate: string;
  @ApiProperty({ type: BudgetDto }) budget: BudgetDto;
  @ApiProperty({ nullable: true, type: String }) reviewDueDate: string | null;
  @ApiProperty({ nullable: true, type: String }) startDate: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RevisionRefDto {
  @ApiProperty() version: number;
  @ApiProperty() submittedAt: string;
}

export class DocumentDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DocumentKind }) kind: DocumentKind;
  @ApiProperty() filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty() bytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;
  @ApiProperty() uploadedBy: string;
}

export class ProposalDetailDto extends ProposalDto {
  @ApiProperty({ type: RevisionRefDto, isArray: true }) revisions: RevisionRefDto[];
  @ApiProperty({ type: DocumentDto, isArray: true }) documents: DocumentDto[];
}

export class ProposalTotalsDto {
  @ApiProperty({
    example: '2140000.00',
    description: "the sum of the proposals' total budgets (direct + indirect)",
  })
  totalBudget: string;
}

export class ProposalPageDto {
  @ApiProperty({ type: ProposalDto, isArray: true }) items: ProposalDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({
    type: ProposalTotalsDto,
    description: 'The totals of every proposal the filters and search let through (all pages)',
  })
  totals: ProposalTotalsDto;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'budgetLines[IOM/1].amount' }) field: string;
  @ApiProperty({
    nullable: true,
    description: 'value in the earlier revision (null when absent)',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object' },
    ],
  })
  from: unknown;
  @ApiProperty({
    nullable: true,
    description: 'value in the later revision (null when absent)',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object' },
    ],
  })
  to: unknown;
}

export class RevisionDiffDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: FieldChangeDto, isArray: true }) changes: FieldChangeDto[];
}

export class EligibilityViolationDto {
  @ApiProperty({ example: 'MIN_PUNOS' }) rule: string;
  @ApiProperty({ example: 'participatingOrgCodes' }) field: string;
  @ApiProperty() message: string;
}

export class RequiredDocumentDto {
  @ApiProperty({ example: 'CONCEPT_NOTE' }) kind: string;
  @ApiProperty({ example: 'concept note' }) label: string;
  @ApiProperty() attached: boolean;
}

export class EligibilityDto {
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: EligibilityViolationDto, isArray: true }) violations: EligibilityViolationDto[];
  @ApiProperty({
    type: RequiredDocumentDto,
    isArray: true,
    description: 'The checklist of required documents',
  })
  requiredDocuments: RequiredDocumentDto[];
}

export class TimelineActorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ProposalStatus, nullable: true }) fromStatus: ProposalStatus | null;
  @ApiProperty({ enum: ProposalStatus }) toStatus: ProposalStatus;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: TimelineActorDto, nullable: true }) actor: TimelineActorDto | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}
