import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DecisionCapacity, DecisionOutcome, Recommendation, RecusalReason } from '@mptf/review';
import { ProposalStatus } from '@mptf/proposals';
import { MarkersDto } from '../proposals/proposal.dto';
import { ProposalDetailDto } from '../proposals/proposal-responses.dto';
import { WEIGHTED_SCORE_FORMULA } from './review.dto';

/** What the review routes answer (OpenAPI): the requests are in review.dto.ts. */

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
  @ApiProperty({ enum: RecusalReason, nullable: true, type: String }) reason: RecusalReason | null;
  @ApiProperty() reviewedThisRound: boolean;
  @ApiProperty({
    enum: DecisionCapacity,
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
    enum: DecisionCapacity,
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
  @ApiProperty({
    example: '1569150.00',
    description: 'Funds available for allocation to its thematic area now',
  })
  availableForArea: string;
  @ApiProperty({ description: 'Its total fits those funds on its own' }) fitsAvailableFunds: boolean;
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
  @ApiProperty({ enum: ProposalStatus }) status: ProposalStatus;
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
  @ApiProperty({
    type: BalanceSharesDto,
    description: 'the balance if every proposal on the agenda not yet allocated were approved as requested',
  })
  ifAllApproved: BalanceSharesDto;
}

export class IfAllApprovedDto {
  @ApiProperty({ example: '1749452.43' }) requestedTotal: string;
  @ApiProperty({ example: '19999452.43' }) allocatedTotal: string;
  @ApiProperty({
    example: '-180302.43',
    description: 'availableFunds − requestedTotal (negative: they do not all fit)',
  })
  availableAfter: string;
  @ApiProperty() fitsAvailableFunds: boolean;
}

export class PackPipelineItemDto {
  @ApiProperty() proposalId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty({ example: '856000.00' }) total: string;
  @ApiProperty() endorsedAt: string;
}

export class PackMeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2027-02-15' }) date: string;
}

export class PackOrganizationBudgetDto {
  @ApiProperty({ example: 'IOM' }) orgCode: string;
  @ApiProperty({ example: '535000.00' }) total: string;
}

export class PackBudgetDto {
  @ApiProperty({ example: '856000.00' }) total: string;
  @ApiProperty({ example: '800000.00' }) direct: string;
  @ApiProperty({ example: '56000.00' }) indirect: string;
  @ApiProperty({ type: PackOrganizationBudgetDto, isArray: true })
  byOrganization: PackOrganizationBudgetDto[];
}

export class PackProposalDto {
  @ApiProperty() proposalId: string;
  @ApiProperty({ example: 'MIG-2026-0007' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ProposalStatus }) status: ProposalStatus;
  @ApiProperty() stage: string;
  @ApiProperty() scope: string;
  @ApiProperty() thematicAreaCode: number;
  @ApiProperty() thematicAreaTitle: string;
  @ApiProperty({ type: Number, isArray: true }) gcmObjectiveCodes: number[];
  @ApiProperty({ type: String, isArray: true }) countryCodes: string[];
  @ApiProperty({
    type: String,
    isArray: true,
    description: "distinct UN M49 regions; ['Global'] without countries",
  })
  regions: string[];
  @ApiProperty() convenerCode: string;
  @ApiProperty({ type: String, isArray: true }) participatingOrgCodes: string[];
  @ApiProperty() durationMonths: number;
  @ApiProperty({ type: MarkersDto }) markers: MarkersDto;
  @ApiProperty({ type: PackBudgetDto }) budget: PackBudgetDto;
  @ApiProperty() reviewRound: number;
  @ApiProperty({ enum: ['ALL', 'OWN_ONLY'], description: 'OWN_ONLY: the next three are null' })
  reviewVisibility: 'ALL' | 'OWN_ONLY';
  @ApiProperty({ enum: DecisionCapacity, nullable: true }) recordableAs: DecisionCapacity | null;
  @ApiProperty({ nullable: true, type: Number }) reviewCount: number | null;
  @ApiProperty({ nullable: true, type: String, example: '72.50' }) weightedScore: string | null;
  @ApiProperty({ type: RecommendationsDto, nullable: true })
  recommendations: RecommendationsDto | null;
  @ApiProperty({ example: '1569150.00', description: 'unearmarked + earmarked for its thematic area' })
  availableForArea: string;
  @ApiProperty({ description: 'its requested total fits the funds available to its area' }) fundable: boolean;
  @ApiProperty({ description: 'allocated before the pack (counted in current, never added again)' })
  alreadyAllocated: boolean;
  @ApiProperty({ type: AgendaDecisionDto, nullable: true }) decision: AgendaDecisionDto | null;
}

/** The proposal after screening, with the review round it entered. */
export class ScreenedProposalDto extends ProposalDetailDto {
  @ApiProperty({ example: 1 }) reviewRound: number;
}

export class DecisionPackDto {
  @ApiProperty({ type: PackMeetingDto }) meeting: PackMeetingDto;
  @ApiProperty() generatedAt: string;
  @ApiProperty({
    description:
      'The moment the figures stand for: when the agenda was last set (sc_meetings.agenda_set_at). Funds, portfolio and pipeline count only what was recorded by then.',
  })
  asOf: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'When the pack was kept (the meeting’s first decision): its figures no longer change. Null before.',
  })
  keptAt: string | null;
  @ApiProperty({ type: IfAllApprovedDto }) ifAllApproved: IfAllApprovedDto;
  @ApiProperty({ type: PackPipelineItemDto, isArray: true, description: 'the pipeline as it stood at asOf' })
  pipeline: PackPipelineItemDto[];
  @ApiProperty({
    type: PackProposalDto,
    isArray: true,
    description: `Each proposal side by side: reference, title, thematic area, countries and regions, budget total and per PUNO, markers, recordableAs (how the caller may record its decision: CHAIR, ACTING_CHAIR when every chair is recused, or null), reviewVisibility (ALL | OWN_ONLY: the rule of GET /proposals/:id/reviews for the caller and that proposal), reviewCount, weightedScore (${WEIGHTED_SCORE_FORMULA}), recommendations; with OWN_ONLY the last three are null; availableForArea and fundable as of asOf; alreadyAllocated (allocated by asOf: counted in current, never added again).`,
  })
  proposals: PackProposalDto[];
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
