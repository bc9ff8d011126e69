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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DecisionOutcome, Recommendation, ScreeningOutcome } from '@mptf/review';
import { IsIsoDate, IsMoney, IsOrgCode } from '../common/formats';

const NOT_BLANK = /\S/;

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
  @IsString()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
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

export class ReviewQueueQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 200;
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
  @IsString()
  @Length(1, 10000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
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
  @IsString()
  @Length(1, 300)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
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

// ---- responses (OpenAPI) ------------------------------------------------------------------------

export class ReviewQueueItemDto {
  @ApiProperty() proposalId: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 4 }) thematicAreaCode: number;
  @ApiProperty({ example: '856000.00', description: 'requested budget total, US$' }) total: string;
  @ApiProperty({ example: '2026-12-20', nullable: true, type: String }) reviewDueDate: string | null;
  @ApiProperty({ description: 'the due date has passed' }) overdue: boolean;
  @ApiProperty({ example: 1 }) reviewRound: number;
}

export class ScoreViewDto {
  @ApiProperty() criterionCode: string;
  @ApiProperty({ description: 'weight in percent when the review was written' }) weight: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
}

export class ReviewerDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) organizationCode: string | null;
}

export class ReviewDto {
  @ApiProperty() id: string;
  @ApiProperty() proposalId: string;
  @ApiProperty() round: number;
  @ApiProperty({ type: ReviewerDto }) reviewer: ReviewerDto;
  @ApiProperty({ type: ScoreViewDto, isArray: true }) scores: ScoreViewDto[];
  @ApiProperty({ enum: Recommendation }) recommendation: Recommendation;
  @ApiProperty() comment: string;
  @ApiProperty({ example: '72.50', description: `This review alone. ${WEIGHTED_SCORE_FORMULA}` })
  weightedScore: string;
  @ApiProperty({ description: 'false when the reviewer is recused: excluded from the summary' })
  counted: boolean;
  @ApiProperty() submittedAt: string;
}

export class RecommendationsDto {
  @ApiProperty() APPROVE: number;
  @ApiProperty() REVISE: number;
  @ApiProperty() REJECT: number;
}

export class ReviewSummaryDto {
  @ApiProperty({ description: 'reviews that count' }) count: number;
  @ApiProperty({ example: '72.50', nullable: true, type: String, description: WEIGHTED_SCORE_FORMULA })
  weightedScore: string | null;
  @ApiProperty({ type: RecommendationsDto }) recommendations: RecommendationsDto;
}

export class ProposalReviewsDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() round: number;
  @ApiProperty() currentRound: number;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) reviewDueDate: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({
    enum: ['ALL', 'OWN_ONLY'],
    description:
      'FMU, chair and admins: ALL. A member sees ALL once they reviewed in this round (or the round is closed); before that OWN_ONLY: reviews holds only their own (empty) and summary is null.',
  })
  visibility: string;
  @ApiProperty({ type: ReviewDto, isArray: true }) reviews: ReviewDto[];
  @ApiProperty({ type: ReviewSummaryDto, nullable: true }) summary: ReviewSummaryDto | null;
}

export class ConflictDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() userId: string;
  @ApiProperty() reason: string;
  @ApiProperty() declaredAt: string;
  @ApiProperty() recused: boolean;
}

export class RecusalDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() recused: boolean;
  @ApiProperty({ enum: ['PUNO', 'DECLARED_CONFLICT'], nullable: true, type: String }) reason: string | null;
  @ApiProperty() reviewedThisRound: boolean;
  @ApiProperty({
    enum: ['CHAIR', 'ACTING_CHAIR'],
    nullable: true,
    type: String,
    description:
      'In which capacity I may record its decision: the chair unless recused; a member who is not recused as acting chair, only when every chair is recused; null otherwise',
  })
  decidesAs: string | null;
}

export class DecisionAllocationDto {
  @ApiProperty() orgCode: string;
  @ApiProperty({ example: '535000.00' }) amount: string;
}

export class DecisionDto {
  @ApiProperty() id: string;
  @ApiProperty() proposalId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true, type: String }) meetingId: string | null;
  @ApiProperty() round: number;
  @ApiProperty() fromStatus: string;
  @ApiProperty({ enum: DecisionOutcome }) outcome: DecisionOutcome;
  @ApiProperty({ description: 'the proposal status the decision set' }) status: string;
  @ApiProperty() justification: string;
  @ApiProperty({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ type: DecisionAllocationDto, isArray: true }) allocations: DecisionAllocationDto[];
  @ApiProperty({ example: '1070000.00' }) totalAllocated: string;
  @ApiPropertyOptional() pipelineRank?: number;
  @ApiProperty() decidedBy: ReviewerDto;
  @ApiProperty({
    enum: ['CHAIR', 'ACTING_CHAIR'],
    description:
      'ACTING_CHAIR: recorded by a member who is not recused because every chair is recused from it',
  })
  recordedAs: string;
  @ApiProperty() decidedAt: string;
}

export class BatchDecisionsResultDto {
  @ApiProperty() meetingId: string;
  @ApiProperty({ type: DecisionDto, isArray: true }) decisions: DecisionDto[];
}

export class PipelineItemDto {
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty() proposalId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty({ example: '856000.00' }) total: string;
  @ApiProperty({ nullable: true, type: String }) endorsedAt: string | null;
}

/** The decision recorded on an agenda item at this meeting. */
export class AgendaDecisionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DecisionOutcome }) outcome: DecisionOutcome;
  @ApiProperty() decidedAt: string;
}

export class AgendaItemDto {
  @ApiProperty() position: number;
  @ApiProperty() proposalId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty({ example: '856000.00' }) total: string;
  @ApiPropertyOptional({ type: AgendaDecisionDto, nullable: true }) decision: AgendaDecisionDto | null;
}

export class MeetingSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2027-02-15' }) date: string;
  @ApiProperty() proposalCount: number;
  @ApiProperty() decisionCount: number;
  @ApiProperty() createdAt: string;
}

export class MeetingDto extends MeetingSummaryDto {
  @ApiProperty({ type: AgendaItemDto, isArray: true }) agenda: AgendaItemDto[];
}

export class MeetingPageDto {
  @ApiProperty({ type: MeetingSummaryDto, isArray: true }) items: MeetingSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class BalanceSharesDto {
  @ApiProperty({
    example: { '1': '0.1500', '2': '0.3500', '3': '0.2000', '4': '0.2000', '5': '0.1000' },
    description: 'share of allocated US$ per thematic area code',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  byThematicArea: Record<string, string>;
  @ApiProperty({
    example: {
      Africa: '0.4000',
      Americas: '0.3000',
      Asia: '0.2000',
      Europe: '0.1000',
      Oceania: '0.0000',
      Global: '0.0000',
    },
    description: 'share of allocated US$ per UN M49 region (Global: programmes without countries)',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  byRegion: Record<string, string>;
}

export class BalanceDto {
  @ApiProperty({ type: BalanceSharesDto }) current: BalanceSharesDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/BalanceSharesDto' },
    description: 'per proposal on the agenda: the balance if it alone were approved as requested',
  })
  ifApproved: Record<string, BalanceSharesDto>;
}

export class PackMeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2027-02-15' }) date: string;
}

export class DecisionPackDto {
  @ApiProperty({ type: PackMeetingDto }) meeting: PackMeetingDto;
  @ApiProperty() generatedAt: string;
  @ApiProperty({
    isArray: true,
    description: `Each proposal side by side: reference, title, thematic area, countries and regions, budget total and per PUNO, markers, recordableAs (how the caller may record its decision: CHAIR, ACTING_CHAIR when every chair is recused, or null), reviewVisibility (ALL | OWN_ONLY: the rule of GET /proposals/:id/reviews for the caller and that proposal), reviewCount, weightedScore (${WEIGHTED_SCORE_FORMULA}), recommendations; with OWN_ONLY the last three are null.`,
  })
  proposals: object[];
  @ApiProperty({
    type: BalanceDto,
    description:
      'Shares of allocated US$ (decimal strings with four decimals, summing to 1 within rounding). current = allocations of programmes; ifApproved[id] adds that proposal’s requested total to its thematic area, split evenly across its countries (each part in the country’s region; Global without countries).',
  })
  balance: BalanceDto;
  @ApiProperty({ example: '18250000.00' }) allocatedTotal: string;
  @ApiProperty({ example: '1569150.00', description: 'funds available for new allocations, US$' })
  availableFunds: string;
  @ApiProperty({ example: { '1': '1569150.00' }, type: 'object', additionalProperties: { type: 'string' } })
  availableFundsByThematicArea: Record<string, string>;
}
