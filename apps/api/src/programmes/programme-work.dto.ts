import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import { ObligationStatus, RevisionKind, RevisionRoute } from '@mptf/programmes';
import { PageQuery } from '../common/page-query';
import { IsIsoDate, IsMoney, IsOrgCode } from '../common/formats';

const STATUSES = Object.values(ObligationStatus);
const KEY = /^[A-Za-z0-9_.-]{1,40}$/;

export class ObligationQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` })
  status?: ObligationStatus;

  @ApiPropertyOptional({ description: 'A programme id' })
  @IsOptional()
  @IsUUID()
  programme?: string;

  @ApiPropertyOptional({
    example: 'IOM',
    description: "An agency: its financial reports and its programmes' narrative ones",
  })
  @IsOptional()
  @IsOrgCode()
  org?: string;

  @ApiPropertyOptional({ description: 'Prefix of the reference, a word of the title, or the agency code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    example: '-daysOverdue,dueDate',
    description: 'dueDate, status, kind, reference, daysOverdue, year, orgCode; - for descending',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;
}

export class ProgrammeObligationQueryDto extends ObligationQueryDto {}

export class CreateProgressReportDto {
  @ApiProperty({ description: 'The narrative obligation (annual or final) the report meets' })
  @IsUUID()
  obligationId: string;
}

export class SectionDto {
  @ApiProperty({ example: 'OC1', description: 'An outcome key of the results matrix' })
  @Matches(KEY, { message: 'must be a result key' })
  resultKey: string;

  @ApiPropertyOptional({
    example: 'UNICEF',
    description: "The contributing PUNO; the writer's agency by default",
  })
  @IsOptional()
  @IsOrgCode()
  orgCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) progress?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) challenges?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) adjustments?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) genderHumanRights?: string;
  @ApiPropertyOptional({ description: 'A story of change' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  story?: string;
}

export class WriteSectionsDto {
  @ApiProperty({ type: SectionDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections: SectionDto[];
}

export class ReviewProgressReportDto {
  @ApiProperty({ enum: ['ACCEPT', 'RETURN'] })
  @IsIn(['ACCEPT', 'RETURN'], { message: 'must be ACCEPT or RETURN' })
  outcome: 'ACCEPT' | 'RETURN';

  @ApiPropertyOptional({ description: 'Required to return' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  comment?: string;
}

export class RevisionBudgetLineDto {
  @ApiProperty({ example: 'IOM' }) @IsOrgCode() orgCode: string;
  @ApiProperty({ example: 1, minimum: 1, maximum: 7 }) @IsInt() @Min(1) @Max(7) categoryCode: number;
  @ApiProperty({ example: '120000.00' }) @IsMoney() amount: string;
}

export class RevisionAllocationDto {
  @ApiProperty({ example: 'IOM' }) @IsOrgCode() orgCode: string;
  @ApiProperty({ example: '100000.00' }) @IsMoney() amount: string;
}

export class RevisionIndicatorDto {
  @ApiProperty() @Matches(KEY, { message: 'must be an indicator key' }) key: string;
  @ApiProperty() @IsString() @MaxLength(500) title: string;
}

export class RevisionResultDto {
  @ApiProperty() @Matches(KEY, { message: 'must be a result key' }) key: string;
  @ApiProperty({ enum: ['OUTCOME', 'OUTPUT'] }) @IsIn(['OUTCOME', 'OUTPUT']) type: 'OUTCOME' | 'OUTPUT';
  @ApiProperty() @IsString() @MaxLength(500) title: string;
  @ApiPropertyOptional() @IsOptional() @Matches(KEY) parentKey?: string;

  @ApiProperty({ type: RevisionIndicatorDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RevisionIndicatorDto)
  indicators: RevisionIndicatorDto[];
}

export class RequestRevisionDto {
  @ApiProperty({ enum: RevisionKind })
  @IsIn(Object.values(RevisionKind), { message: `must be one of ${Object.values(RevisionKind).join(', ')}` })
  kind: RevisionKind;

  @ApiProperty() @IsString() @MaxLength(10000) justification: string;

  @ApiPropertyOptional({ example: '2028-09-30', description: 'Extensions: the new end date' })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  @ApiPropertyOptional({
    type: RevisionBudgetLineDto,
    isArray: true,
    description: 'Budget revision: every direct line after it',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RevisionBudgetLineDto)
  budgetLines?: RevisionBudgetLineDto[];

  @ApiPropertyOptional({
    type: RevisionResultDto,
    isArray: true,
    description: "Budget revision: the results matrix's outcomes, outputs and indicators after it",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RevisionResultDto)
  results?: RevisionResultDto[];

  @ApiPropertyOptional({
    type: RevisionAllocationDto,
    isArray: true,
    description: 'Cost extension: money added per PUNO',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RevisionAllocationDto)
  additionalAllocations?: RevisionAllocationDto[];
}

export class ReviewRevisionDto {
  @ApiProperty({ enum: ['APPROVE', 'REJECT'] })
  @IsIn(['APPROVE', 'REJECT'], { message: 'must be APPROVE or REJECT' })
  outcome: 'APPROVE' | 'REJECT';

  @ApiProperty() @IsString() @MaxLength(10000) comment: string;
}

export class ScheduleRevisionDto {
  @ApiProperty() @IsUUID() meetingId: string;
}

export class DecideRevisionDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] })
  @IsIn(['APPROVED', 'REJECTED'], { message: 'must be APPROVED or REJECTED' })
  outcome: 'APPROVED' | 'REJECTED';

  @ApiProperty() @IsString() @MaxLength(10000) justification: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() meetingId?: string;
}

export class RevisionQueryDto {
  @ApiPropertyOptional({ enum: RevisionRoute })
  @IsOptional()
  @IsIn(Object.values(RevisionRoute))
  route?: RevisionRoute;
}

export class VersionQueryDto {
  @ApiPropertyOptional({ example: '2027-06-30', description: 'Only the version in force on this date' })
  @IsOptional()
  @IsIsoDate()
  at?: string;
}
