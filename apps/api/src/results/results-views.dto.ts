import { ApiProperty } from '@nestjs/swagger';
import { ActualStatus, IndicatorMeasure, ResultType } from '@mptf/results';
import { ActualDto } from './results.dto';

/** What the results routes answer beyond single actuals: the matrix view, the actuals page, due periods. */

const DUE_STATES = ['DUE', 'OVERDUE'] as const;
type DueStateDto = (typeof DUE_STATES)[number];

export class TargetActualDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ActualStatus }) status: ActualStatus;
  @ApiProperty({ nullable: true, type: String, example: '1250' }) value: string | null;
}

export class TargetViewDto {
  @ApiProperty({ example: '2026-01-01' }) periodStart: string;
  @ApiProperty({ example: '2026-12-31' }) periodEnd: string;
  @ApiProperty({ nullable: true, type: String, example: '1250' }) value: string | null;
  @ApiProperty({ type: TargetActualDto, nullable: true, description: 'the actual reported for the period' })
  actual: TargetActualDto | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'null until both target and approved actual exist',
  })
  onTrack: boolean | null;
  @ApiProperty({ enum: DUE_STATES, nullable: true }) due: DueStateDto | null;
}

export class BaselineViewDto {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ nullable: true, type: String, example: '0' }) value: string | null;
}

export class ApprovedPeriodDto {
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ nullable: true, type: String }) value: string | null;
}

export class IndicatorProgressDto {
  @ApiProperty() periods: number;
  @ApiProperty() approvedActuals: number;
  @ApiProperty({ type: ApprovedPeriodDto, nullable: true }) latestApproved: ApprovedPeriodDto | null;
  @ApiProperty({ nullable: true, type: Boolean }) onTrack: boolean | null;
}

export class IndicatorViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'I1.1' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: IndicatorMeasure }) measure: IndicatorMeasure;
  @ApiProperty() ascending: boolean;
  @ApiProperty({ nullable: true, type: String }) unit: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'FI-2.1' }) fundIndicatorCode: string | null;
  @ApiProperty({ type: Number, isArray: true }) gcmObjectiveCodes: number[];
  @ApiProperty({ type: BaselineViewDto }) baseline: BaselineViewDto;
  @ApiProperty({ type: TargetViewDto, isArray: true }) targets: TargetViewDto[];
  @ApiProperty({ type: IndicatorProgressDto }) progress: IndicatorProgressDto;
}

export class ResultViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'O1' }) key: string;
  @ApiProperty({ enum: ResultType }) type: ResultType;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) parentKey: string | null;
  @ApiProperty({ type: IndicatorViewDto, isArray: true }) indicators: IndicatorViewDto[];
}

export class PeriodWindowDto {
  @ApiProperty({ example: '2026-01-01' }) start: string;
  @ApiProperty({ example: '2027-12-31' }) end: string;
}

export class MatrixProgressDto {
  @ApiProperty() indicators: number;
  @ApiProperty() withTarget: number;
  @ApiProperty() withActual: number;
  @ApiProperty() onTrack: number;
  @ApiProperty({ nullable: true, type: String, example: '0.7500' }) shareOnTrack: string | null;
}

export class MatrixViewDto {
  @ApiProperty() proposalId: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: PeriodWindowDto, description: 'where reporting periods must fall' })
  window: PeriodWindowDto;
  @ApiProperty({ type: ResultViewDto, isArray: true }) results: ResultViewDto[];
  @ApiProperty({ type: MatrixProgressDto }) progress: MatrixProgressDto;
}

export class ActualPageDto {
  @ApiProperty({ type: ActualDto, isArray: true }) items: ActualDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class DueActualDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ActualStatus }) status: ActualStatus;
}

export class DueItemDto {
  @ApiProperty() indicatorId: string;
  @ApiProperty() indicatorKey: string;
  @ApiProperty() indicatorTitle: string;
  @ApiProperty() resultKey: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: DUE_STATES, description: 'DUE up to 30 days after the period end, OVERDUE after' })
  state: DueStateDto;
  @ApiProperty({ type: DueActualDto, nullable: true, description: 'entered but not yet approved' })
  actual: DueActualDto | null;
}

export class DueListDto {
  @ApiProperty() programmeId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ example: '2026-12-03' }) asOf: string;
  @ApiProperty({ type: DueItemDto, isArray: true }) items: DueItemDto[];
}
