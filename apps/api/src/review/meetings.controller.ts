import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { parseMoney } from '@mptf/platform';
import { PageQuery } from '../common/page-query';
import { DecisionPackService, DecisionsService, MeetingsService } from '@mptf/review';
import { BatchDecisionsDto, CreateMeetingDto, SetAgendaDto } from './review.dto';
import {
  BatchDecisionsResultDto,
  DecisionDto,
  DecisionPackDto,
  MeetingDto,
  MeetingPageDto,
} from './review-responses.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';

const uuid = new ParseIdPipe();

/** Steering Committee meetings: agenda, decision pack, and the meeting's decisions in one batch. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('sc-meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly packs: DecisionPackService,
    private readonly decisions: DecisionsService,
  ) {}

  @Post()
  @RequirePermission(Permission.MEETING_MANAGE)
  @ApiOperation({ summary: 'A meeting with its agenda (proposals UNDER_REVIEW or PIPELINE)' })
  @ApiCreatedResponse({ type: MeetingDto })
  @ApiConflictResponse({ description: 'A proposal is in another state (each named)' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown proposals (each named)' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateMeetingDto) {
    return this.meetings.create(user, body);
  }

  @Get()
  @RequirePermission(Permission.MEETING_READ)
  @ApiOperation({ summary: 'Meetings, latest first' })
  @ApiOkResponse({ type: MeetingPageDto })
  list(@Query() query: PageQuery) {
    return this.meetings.list(query);
  }

  @Get(':id')
  @RequirePermission(Permission.MEETING_READ)
  @ApiOkResponse({ type: MeetingDto })
  get(@Param('id', uuid) id: string) {
    return this.meetings.get(id);
  }

  @Put(':id/agenda')
  @RequirePermission(Permission.MEETING_MANAGE)
  @ApiOperation({
    summary: "Replaces the meeting's agenda (proposals UNDER_REVIEW or PIPELINE), until the meeting starts",
    description: '409 once the meeting date has come or any decision is recorded at it.',
  })
  @ApiOkResponse({ type: MeetingDto })
  @ApiConflictResponse({
    description: 'The meeting has started or decided, or a proposal is in another state',
  })
  @ApiUnprocessableEntityResponse({ description: 'Unknown proposals (each named)' })
  setAgenda(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: SetAgendaDto) {
    return this.meetings.setAgenda(user, id, body.proposalIds);
  }

  @Get(':id/pack')
  @RequirePermission(Permission.MEETING_READ)
  @ApiOperation({
    summary:
      'The decision pack: the agenda side by side, the portfolio balance now and if each were approved, the funds available',
    description:
      'Read in one REPEATABLE READ snapshot. Review scores follow GET /proposals/:id/reviews per proposal and caller: with reviewVisibility OWN_ONLY (a member who has not reviewed in the open round, or anyone recused), reviewCount, weightedScore and recommendations are null.',
  })
  @ApiOkResponse({ type: DecisionPackDto })
  pack(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.packs.read(user, id);
  }

  @Get(':id/decisions')
  @RequirePermission(Permission.MEETING_READ)
  @ApiOkResponse({ type: DecisionDto, isArray: true })
  async listDecisions(@Param('id', uuid) id: string) {
    await this.meetings.get(id);
    return this.decisions.ofMeeting(id);
  }

  @Post(':id/decisions')
  @RequirePermission(Permission.DECISION_RECORD)
  @ApiOperation({
    summary:
      "The chair (or an acting chair, per proposal as POST /proposals/:id/decision) records the meeting's decisions in one transaction: all or none",
    description:
      'Each as POST /proposals/:id/decision, for proposals on the agenda. A refusal (409/422/404) names the entry and the proposal (decisions[i], proposalId, reference in details) and nothing is recorded.',
  })
  @ApiCreatedResponse({ type: BatchDecisionsResultDto })
  decideBatch(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: BatchDecisionsDto) {
    return this.decisions.decideBatch(
      user,
      id,
      body.decisions.map((decision) => ({
        proposalId: decision.proposalId,
        outcome: decision.outcome,
        justification: decision.justification,
        conditions: decision.conditions,
        allocations: decision.allocations?.map((a) => ({
          orgCode: a.orgCode,
          amountCents: parseMoney(a.amount),
        })),
      })),
    );
  }
}
