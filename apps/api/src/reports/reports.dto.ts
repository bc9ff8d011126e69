import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  REPORT_RUN_SORT_FIELDS,
  ReportFormat,
  ReportStatus,
  ReportTrigger,
  ReportType,
} from '@mptf/reporting';
import { ExportableListQuery, SortParam } from '../common/list-query';

export class ReportParametersDto {
  @ApiPropertyOptional({
    example: 2025,
    description:
      'ANNUAL_CONSOLIDATED: the reporting year (without it: since inception); CONTRIBUTOR_STATEMENT: optional year',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    example: 'DEU',
    description: 'CONTRIBUTOR_STATEMENT: the donor (a donor viewer: its own, the default)',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{2,20}$/, { message: 'must be an organization code such as DEU' })
  donorCode?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'PROGRAMME_FACTSHEET: the programme; without it, the portfolio factsheet of all programmes',
  })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'DECISION_PACK: the Steering Committee meeting' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({
    description:
      'ANNUAL_CONSOLIDATED with a year: the final report, refused (422 NARRATIVE_MISSING per section) until every narrative section of the year is written or explicitly left out; without it, a draft that marks missing sections',
  })
  @IsOptional()
  @IsBoolean()
  final?: boolean;
}

export class CreateReportDto {
  @ApiProperty({ enum: ReportType })
  @IsEnum(ReportType)
  type: ReportType;

  @ApiProperty({ enum: ReportFormat })
  @IsEnum(ReportFormat)
  format: ReportFormat;

  @ApiPropertyOptional({ type: ReportParametersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportParametersDto)
  parameters?: ReportParametersDto;
}

export class ReportBatchParametersDto {
  @ApiPropertyOptional({ example: 2025, description: 'The statements’ year (without it: since inception)' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CreateReportBatchDto {
  @ApiProperty({ enum: [ReportType.CONTRIBUTOR_STATEMENT], description: 'CONTRIBUTOR_STATEMENT only' })
  @IsEnum(ReportType)
  type: ReportType;

  @ApiProperty({ enum: ReportFormat })
  @IsEnum(ReportFormat)
  format: ReportFormat;

  @ApiPropertyOptional({ type: ReportBatchParametersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportBatchParametersDto)
  parameters?: ReportBatchParametersDto;
}

export class ListReportsQuery extends ExportableListQuery {
  @ApiPropertyOptional({ enum: ReportType }) @IsOptional() @IsEnum(ReportType) type?: ReportType;
  @ApiPropertyOptional({ enum: ReportStatus }) @IsOptional() @IsEnum(ReportStatus) status?: ReportStatus;

  @SortParam(REPORT_RUN_SORT_FIELDS, '-createdAt')
  sort?: string;
}

export class ReportSourceDto {
  @ApiProperty({ description: 'When the REPEATABLE READ snapshot was taken' }) snapshotAt: string;
  @ApiProperty({ example: 'REPEATABLE READ' }) isolation: string;
  @ApiProperty({
    example: { programmes: 1, budgetLines: 12 },
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  rowCounts: Record<string, number>;
  @ApiProperty({ example: { indirectRate: '0.07' }, type: 'object', additionalProperties: true })
  inputs: Record<string, unknown>;
  @ApiProperty({
    description:
      'sha256 of the figures every format of the report shows: the same data give the same fingerprint, in any format (spreadsheet-only detail rows are not part of it: see detailFingerprint)',
  })
  fingerprint: string;
  @ApiPropertyOptional({
    description:
      "sha256 of the spreadsheet-only detail rows (the annual report's indicator rows), on the XLSX and CSV editions that list them",
  })
  detailFingerprint?: string;
  @ApiProperty({ type: [String], description: 'Sections left out because their data is not connected yet' })
  omittedSections: string[];
}

export class ReportRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ReportType }) type: ReportType;
  @ApiProperty({ enum: ReportFormat }) format: ReportFormat;
  @ApiProperty({ type: ReportParametersDto }) parameters: ReportParametersDto;
  @ApiProperty({ enum: ReportStatus }) status: ReportStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ enum: ReportTrigger, description: 'USER, or SCHEDULE for runs the report schedule created' })
  trigger: ReportTrigger;
  @ApiProperty({ description: 'How many times a worker started processing it' }) attempts: number;
  @ApiPropertyOptional() pages?: number;
  @ApiPropertyOptional() bytes?: number;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional() fileName?: string;
  @ApiPropertyOptional({ description: 'The error of the last failed attempt' }) error?: string;
  @ApiPropertyOptional({ type: ReportSourceDto }) source?: ReportSourceDto;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() finishedAt?: string;
}

export class ReportRunPageDto {
  @ApiProperty({ type: ReportRunDto, isArray: true }) items: ReportRunDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ReportBatchDto {
  @ApiProperty({ format: 'uuid', description: 'Names the batch’s runs (and the 429 of a second one)' })
  batchId: string;
  @ApiProperty({ type: ReportRunDto, isArray: true, description: 'One run per donor' }) runs: ReportRunDto[];
}
