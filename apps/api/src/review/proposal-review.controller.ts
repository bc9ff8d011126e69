import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import { DecisionsService, ReviewsService, ScreeningService } from '@mptf/review';
import {
  DeclareConflictDto,
  RecordDecisionDto,
  ReviewsQuery,
  ScreenProposalDto,
  SubmitReviewDto,
  WEIGHTED_SCORE_FORMULA,
} from './review.dto';
import {
  ConflictDto,
  DecisionDto,
  ProposalReviewsDto,
  RecusalDto,
  ReviewDto,
  ScreenedProposalDto,
} from './review-responses.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

const uuid = new ParseIdPipe();

/** Screening, conflicts of interest, scorecards and decisions on one proposal. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalReviewController {
  constructor(
    private readonly screening: ScreeningService,
    private readonly reviews: ReviewsService,
    private readonly decisions: DecisionsService,
  ) {}

  @Post(':id/screening')
  @HttpCode(200)
  @RequirePermission(Permission.PROPOSAL_SCREEN)
  @ApiOperation({
    summary: 'FMU screening: PASS → UNDER_REVIEW (new review round, due date), RETURN → RETURNED, INELIGIBLE',
    description:
      'RETURN and INELIGIBLE need a comment; it appears in GET /proposals/:id/timeline for the focal points. The default review due date is today + reviewWindowDays (fund settings).',
  })
  @ApiOkResponse({
    type: ScreenedProposalDto,
    description: 'The proposal after screening (with reviewRound)',
  })
  @ApiConflictResponse({ description: 'Not SUBMITTED (names the current state)' })
  screen(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: ScreenProposalDto) {
    return this.screening.screen(user, id, body);
  }

  @Post(':id/conflicts')
  @RequirePermission(Permission.CONFLICT_DECLARE)
  @ApiOperation({ summary: 'Declare a conflict of interest: I am recused from reviewing it, in every round' })
  @ApiCreatedResponse({ type: ConflictDto })
  @ApiConflictResponse({ description: 'Already declared' })
  declareConflict(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: DeclareConflictDto,
  ) {
    return this.reviews.declareConflict(user, id, body.reason);
  }

  @Get(':id/recusal')
  @RequirePermission(Permission.REVIEW_QUEUE)
  @ApiOperation({
    summary: 'Whether I am recused from it (my organization is a PUNO, or I declared a conflict)',
  })
  @ApiOkResponse({ type: RecusalDto })
  recusal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.reviews.recusal(user, id);
  }

  @Post(':id/reviews')
  @RequirePermission(Permission.REVIEW_CREATE)
  @ApiOperation({
    summary: 'My scorecard for the current review round',
    description: `One score 1–5 per review criterion (all of them), a recommendation and a comment. ${WEIGHTED_SCORE_FORMULA}`,
  })
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiForbiddenResponse({ description: 'Recused: my organization is a PUNO of it, or I declared a conflict' })
  @ApiConflictResponse({ description: 'Already reviewed in this round, or not UNDER_REVIEW' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown, missing or repeated criteria (each listed)' })
  submitReview(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: SubmitReviewDto) {
    return this.reviews.submit(user, id, body);
  }

  @Get(':id/reviews')
  @RequirePermission(Permission.REVIEW_READ)
  @ApiOperation({
    summary: 'Reviews of a round (default: current) with the summary',
    description: `FMU, chair and admins see all. A member sees the others' reviews and the summary only after submitting their own in that round (or once the round is closed); before that reviews is empty and summary null. ${WEIGHTED_SCORE_FORMULA}`,
  })
  @ApiOkResponse({ type: ProposalReviewsDto })
  listReviews(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: ReviewsQuery) {
    return this.reviews.list(user, id, query.round);
  }

  @Post(':id/decision')
  @RequirePermission(Permission.DECISION_RECORD)
  @ApiOperation({
    summary:
      "The chair (or, when the chair is recused, a member as acting chair) records the Steering Committee's decision",
    description:
      "A chair recused from the proposal (its organization a PUNO, or a declared conflict) cannot record it (403, rule RECUSED); then a Steering Committee member who is not recused records it as acting chair (recordedAs: ACTING_CHAIR), and only then (403, rule CHAIR_NOT_RECUSED). APPROVED (from UNDER_REVIEW or PIPELINE) needs allocations for PUNOs, each at most that PUNO's budgeted total (422), summing to at most the funds available (409 with details [{rule: 'AVAILABLE_FUNDS', message, available}]). PIPELINE puts it at the end of the pipeline; REVISION_REQUESTED lets the agencies edit and resubmit (a new review round); REJECTED ends it. Decisions are append-only.",
  })
  @ApiCreatedResponse({ type: DecisionDto })
  @ApiConflictResponse({ description: 'Wrong state, or not enough money (with the amount available)' })
  @ApiUnprocessableEntityResponse({
    description: 'Allocation rules, or the meeting does not list the proposal',
  })
  decide(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: RecordDecisionDto) {
    return this.decisions.decide(user, id, {
      outcome: body.outcome,
      justification: body.justification,
      conditions: body.conditions,
      meetingId: body.meetingId,
      allocations: body.allocations?.map((a) => ({ orgCode: a.orgCode, amountCents: parseMoney(a.amount) })),
    });
  }

  @Get(':id/decisions')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'The decisions on it, oldest first (also for its focal points)' })
  @ApiOkResponse({ type: DecisionDto, isArray: true })
  listDecisions(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.decisions.list(user, id);
  }
}
