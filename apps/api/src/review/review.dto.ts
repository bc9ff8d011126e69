import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/page-query';
import { DecisionOutcome, Recommendation, ScreeningOutcome } from '@mptf/review';
import { IsIsoDate, IsMoney, IsNonBlankText, IsOrgCode } from '../common/formats';

/** The weighted-score formula, stated once for the OpenAPI. */
export const WEIGHTED_SCORE_FORMULA =
  'Weighted score on 0–100: per review Σ over the review criteria of weight × (score − 1) / 4 (weights in percent, summing to 100; ' +
  'all 1s → 0, all 5s → 100), then the plain mean over the reviews that count (recused reviewers excluded), ' +
  'rounded half away from zero to two decimals, as a decimal string such as "72.50"; null without reviews.';

export class ScreenProposalDto {
  @ApiProperty({ enum: ScreeningOutcome })
  @IsEnum(ScreeningOutcome)
  outcome: ScreeningOutcome;

  @ApiPropertyOptional({
    example: 'Eligible; forwarded to the Steering Committee',
    description: 'Required to RETURN or declare INELIGIBLE; shown to the focal points in the timeline',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({
    example: '2026-12-20',
    description: 'PASS only; default today + the fund setting reviewWindowDays',
  })
  @IsOptional()
  @IsIsoDate()
  reviewDueDate?: string;
}

export class DeclareConflictDto {
  @ApiProperty({ example: 'My ministry co-finances the national component of this programme' })
  @IsNonBlankText(1, 2000)
  reason: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'RELEVANCE', description: 'a code of GET /reference/review-criteria' })
  @IsString()
  @Length(1, 50)
  criterionCode: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;
}

export class SubmitReviewDto {
  @ApiProperty({
    type: CriterionScoreDto,
    isArray: true,
    description: 'One score per review criterion, every criterion exactly once (else 422)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];

  @ApiProperty({ enum: Recommendation })
  @IsEnum(Recommendation)
  recommendation: Recommendation;

  @ApiProperty({ example: 'Strong joint programming; the results framework needs baselines.' })
  @IsString()
  @MaxLength(10000)
  comment: string;
}

export class ReviewsQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'review round (default: the current one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  round?: number;
}

/** A page of the queue: PageQuery's rules, the whole queue (200) by default. */
export class ReviewQueueQuery extends PageQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200, default: 200 })
  override pageSize = 200;
}

export class AllocationDto {
  @ApiProperty({ example: 'IOM', description: 'a participating organization of the proposal' })
  @IsOrgCode()
  orgCode: string;

  @ApiProperty({ example: '535000.00', description: "US$, at most that PUNO's budgeted total" })
  @IsMoney()
  amount: string;
}

export class DecisionBodyDto {
  @ApiProperty({ enum: DecisionOutcome })
  @IsEnum(DecisionOutcome)
  outcome: DecisionOutcome;

  @ApiProperty({ example: 'High-quality proposal filling a gap in the portfolio in Asia.' })
  @IsNonBlankText(1, 10000)
  justification: string;

  @ApiPropertyOptional({
    type: AllocationDto,
    isArray: true,
    description: 'APPROVED only (required then): the allocation per PUNO',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations?: AllocationDto[];

  @ApiPropertyOptional({ example: 'First tranche after the inception report is approved.' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  conditions?: string;
}

export class RecordDecisionDto extends DecisionBodyDto {
  @ApiPropertyOptional({ description: 'the meeting that decided; the proposal must be on its agenda' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;
}

export class BatchDecisionDto extends DecisionBodyDto {
  @ApiProperty()
  @IsUUID()
  proposalId: string;
}

export class BatchDecisionsDto {
  @ApiProperty({ type: BatchDecisionDto, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  // Without it an element that is itself an array passes the nested validation empty.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BatchDecisionDto)
  decisions: BatchDecisionDto[];
}

export class CreateMeetingDto {
  @ApiProperty({ example: 'Steering Committee — 2027 first session' })
  @IsNonBlankText(1, 300)
  title: string;

  @ApiProperty({ example: '2027-02-15' })
  @IsIsoDate()
  date: string;

  @ApiProperty({
    type: String,
    isArray: true,
    description: 'the agenda, in order: proposals UNDER_REVIEW or PIPELINE',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds: string[];
}

export class SetAgendaDto {
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'the agenda, in order: proposals UNDER_REVIEW or PIPELINE',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposalIds: string[];
}

export class RankPipelineDto {
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'every proposal in the pipeline, exactly once, in the new order',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  proposalIds: string[];
}
