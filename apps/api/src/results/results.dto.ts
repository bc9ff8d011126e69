import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTUAL_SORT_FIELDS,
  IndicatorAggregation,
  ActualStatus,
  FUND_INDICATOR_CODE,
  IndicatorMeasure,
  isIsoDate,
  normalizeDecimal,
  ResultType,
} from '@mptf/results';
import { Transform, Type } from 'class-transformer';
import { ExportableListQuery, SortParam } from '../common/list-query';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { IsNonBlankNarrative } from '../common/formats';

const VALUE_EXAMPLE = '1250';
const VALUE_DOC =
  'An exact decimal (JSON number or decimal string, at most 16 digits and 4 decimals); returned as a decimal string.';

/** A JSON number or decimal string with at most 16 digits and 4 decimals (null/absent allowed). */
export function IsIndicatorValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIndicatorValue',
      validator: {
        validate: (value: unknown) =>
          value === null || value === undefined || normalizeDecimal(value) !== null,
        defaultMessage: () => 'must be a number with at most 16 digits and 4 decimals',
      },
    },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => 'must be a date YYYY-MM-DD',
      },
    },
    options,
  );
}

/* ---------- results matrix (request documented here, validated by @mptf/results) ---------- */

export class TargetBodyDto {
  @ApiProperty({ example: '2026-01-01' }) periodStart: string;
  @ApiProperty({ example: '2026-12-31' }) periodEnd: string;
  @ApiPropertyOptional({
    example: VALUE_EXAMPLE,
    description: `${VALUE_DOC} Required unless qualitative.`,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  })
  value?: string | number | null;
}

export class BaselineBodyDto {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiPropertyOptional({
    example: '0',
    description: `${VALUE_DOC} Required unless qualitative.`,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  })
  value?: string | number | null;
}

export class IndicatorBodyDto {
  @ApiProperty({ example: 'IND-1.1', description: 'Unique in the matrix; ids are kept for unchanged keys' })
  key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: IndicatorMeasure }) measure: IndicatorMeasure;
  @ApiPropertyOptional({
    enum: IndicatorAggregation,
    description:
      'How period values add up: INCREMENTAL (achieved in each period, summed), CUMULATIVE (running total: the latest period is the figure), LATEST (a level). Default INCREMENTAL for UNIT, LATEST otherwise. Linked to a fund indicator, measure and unit must be the fund indicator’s (422 FUND_INDICATOR_MEASURE / FUND_INDICATOR_UNIT).',
  })
  aggregation?: IndicatorAggregation;
  @ApiProperty({ description: 'true when higher is better' }) ascending: boolean;
  @ApiPropertyOptional({ example: 'people', type: String, nullable: true }) unit?: string | null;
  @ApiPropertyOptional({ example: 'FI-2.1', type: String, nullable: true }) fundIndicatorCode?: string | null;
  @ApiPropertyOptional({ type: Number, isArray: true, example: [7] }) gcmObjectiveCodes?: number[];
  @ApiProperty({ type: BaselineBodyDto }) baseline: BaselineBodyDto;
  @ApiProperty({ type: TargetBodyDto, isArray: true }) targets: TargetBodyDto[];
}

export class ResultBodyDto {
  @ApiProperty({ example: 'OC1' }) key: string;
  @ApiProperty({ enum: ResultType }) type: ResultType;
  @ApiProperty() title: string;
  @ApiPropertyOptional({
    example: 'OC1',
    description: 'Outputs: the key of their outcome',
    type: String,
    nullable: true,
  })
  parentKey?: string | null;
  @ApiProperty({ type: IndicatorBodyDto, isArray: true }) indicators: IndicatorBodyDto[];
}

export class ResultsMatrixBodyDto {
  @ApiProperty({ type: ResultBodyDto, isArray: true }) results: ResultBodyDto[];
}

/* ---------- fund indicators ---------- */

export class FundIndicatorDto {
  @ApiProperty({ example: 'FI-2.1' }) code: string;
  @ApiProperty({ example: 2 }) thematicAreaCode: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: IndicatorMeasure }) measure: IndicatorMeasure;
  @ApiPropertyOptional({ example: 'people', nullable: true, type: String }) unit: string | null;
  @ApiProperty() active: boolean;
}

export class FundIndicatorsQuery {
  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  thematicArea?: number;

  @ApiPropertyOptional({ description: 'include deactivated fund indicators' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  includeInactive?: boolean;
}

export class CreateFundIndicatorDto {
  @ApiProperty({ example: 'FI-2.4' })
  @Matches(FUND_INDICATOR_CODE, { message: 'must look like FI-2.4' })
  code: string;

  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(99) thematicAreaCode: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: IndicatorMeasure }) @IsEnum(IndicatorMeasure) measure: IndicatorMeasure;
  @ApiPropertyOptional({ example: 'people', type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string | null;
}

export class UpdateFundIndicatorDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(99) thematicAreaCode?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ enum: IndicatorMeasure })
  @IsOptional()
  @IsEnum(IndicatorMeasure)
  measure?: IndicatorMeasure;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) unit?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

/* ---------- actuals ---------- */

export class DisaggregationDto {
  @ApiProperty({ example: 'sex' }) @IsString() @MinLength(1) @MaxLength(50) dimension: string;
  @ApiProperty({ example: 'female' }) @IsString() @MinLength(1) @MaxLength(100) category: string;
  @ApiProperty({ example: '640', description: VALUE_DOC, oneOf: [{ type: 'string' }, { type: 'number' }] })
  @IsDefined()
  @IsIndicatorValue()
  value: string | number;
}

export class CreateActualDto {
  @ApiProperty({ example: '2026-01-01', description: 'one of the indicator’s target periods' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() periodEnd: string;

  @ApiPropertyOptional({
    example: VALUE_EXAMPLE,
    description: `${VALUE_DOC} Required unless qualitative.`,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  })
  @IsOptional()
  @IsIndicatorValue()
  value?: string | number | null;

  @ApiProperty()
  @IsNonBlankNarrative(10000)
  narrative: string;

  @ApiPropertyOptional({
    type: DisaggregationDto,
    isArray: true,
    description: 'for UNIT indicators the parts of each dimension must add up to the value (else 422)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DisaggregationDto)
  disaggregation?: DisaggregationDto[];
}

export class UpdateActualDto {
  @ApiPropertyOptional({
    example: VALUE_EXAMPLE,
    description: VALUE_DOC,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  })
  @IsOptional()
  @IsIndicatorValue()
  value?: string | number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNonBlankNarrative(10000)
  narrative?: string;

  @ApiPropertyOptional({ type: DisaggregationDto, isArray: true, description: 'replaces the breakdown' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DisaggregationDto)
  disaggregation?: DisaggregationDto[];
}

export class ReturnActualDto {
  @ApiProperty({ example: 'Please add the sex breakdown of the second quarter.' })
  @IsNonBlankNarrative(5000)
  comment: string;
}

export class ActualsQueryDto extends ExportableListQuery {
  @ApiPropertyOptional({ enum: ActualStatus, description: 'SUBMITTED gives the FMU approval queue' })
  @IsOptional()
  @IsEnum(ActualStatus)
  status?: ActualStatus;

  @ApiPropertyOptional() @IsOptional() @IsUUID() programmeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() indicatorId?: string;

  @SortParam(ACTUAL_SORT_FIELDS, '-submittedAt')
  sort?: string;
}

export class ActualDto {
  @ApiProperty() id: string;
  @ApiProperty() indicatorId: string;
  @ApiProperty() indicatorKey: string;
  @ApiProperty() indicatorTitle: string;
  @ApiProperty({ enum: IndicatorMeasure }) measure: IndicatorMeasure;
  @ApiProperty() programmeId: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) programmeReference: string;
  @ApiProperty({ example: '2026-01-01' }) periodStart: string;
  @ApiProperty({ example: '2026-12-31' }) periodEnd: string;
  @ApiPropertyOptional({ example: VALUE_EXAMPLE, nullable: true, type: String }) value: string | null;
  @ApiProperty() narrative: string;
  @ApiProperty({ type: DisaggregationDto, isArray: true }) disaggregation: DisaggregationDto[];
  @ApiProperty({ enum: ActualStatus }) status: ActualStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) reviewComment: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reviewedAt: string | null;
}

/* ---------- roll-up ---------- */

export const ON_TRACK_RULE =
  'On track: the approved actual of a period meets that period’s target in the indicator’s direction ' +
  '(ascending: actual ≥ target; descending: actual ≤ target). Each indicator is judged on its latest period ' +
  'in the window with both a target and an approved actual; shareOnTrack = onTrack ÷ assessed (indicators with ' +
  'both). Window: periods ending in `year`, or every period since inception. Only programmes (APPROVED and ' +
  'after) count. For fund indicators, approvedActualSum and targetSum add the period values of UNIT ' +
  'indicators in the window (period values are what was achieved in that period).';

export class RollupQuery {
  @ApiProperty({ enum: ['thematicArea', 'gcmObjective', 'fundIndicator'] })
  @IsIn(['thematicArea', 'gcmObjective', 'fundIndicator'])
  by: 'thematicArea' | 'gcmObjective' | 'fundIndicator';

  @ApiPropertyOptional({ example: 2026, description: 'reporting year; without it, since inception' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class RollupGroupDto {
  @ApiProperty({
    description: 'thematic area or GCM objective code (number), or fund indicator code',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  })
  key: number | string;
  @ApiProperty() label: string;
  @ApiProperty() programmes: number;
  @ApiProperty({ description: 'indicators of programmes in the group' }) indicators: number;
  @ApiProperty({ description: 'indicators with a target in the window' }) withTarget: number;
  @ApiProperty({ description: 'indicators with an approved actual in the window' }) withActual: number;
  @ApiProperty({ description: 'indicators with both (denominator of shareOnTrack)' }) assessed: number;
  @ApiProperty() onTrack: number;
  @ApiPropertyOptional({ example: '0.6667', nullable: true, type: String }) shareOnTrack: string | null;
  @ApiPropertyOptional({ description: 'fundIndicator only' }) thematicAreaCode?: number;
  @ApiPropertyOptional({ description: 'fundIndicator only', nullable: true, type: String }) unit?:
    string | null;
  @ApiPropertyOptional({ example: '12500', description: 'fundIndicator only: UNIT indicators' })
  approvedActualSum?: string;
  @ApiPropertyOptional({ example: '15000', description: 'fundIndicator only: UNIT indicators' })
  targetSum?: string;
}
