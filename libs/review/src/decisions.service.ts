import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import { FinanceService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { Permission, UsersService } from '@mptf/identity';
import {
  Cents,
  Clock,
  DomainError,
  ErrorDetail,
  ForbiddenError,
  formatMoney,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
  sumCents,
  ValidationError,
} from '@mptf/platform';
import {
  canTransition,
  ProposalQueriesService,
  ProposalStatus,
  ProposalStatusService,
  totalsByOrganization,
} from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import {
  checkDecisionAllocations,
  DecisionOutcome,
  OUTCOME_ACTIONS,
  RequestedAllocation,
} from './decision-rules';
import { MeetingRow, MeetingsService } from './meetings.service';
import { DecisionPackService } from './decision-pack.service';
import { PipelineService } from './pipeline.service';
import { DecisionRepository, DecisionRow } from './repositories/decision.repository';
import { ReviewFacts, ReviewRepository } from './repositories/review.repository';
import {
  DecisionCapacity,
  decisionAuthority,
  NOT_COMMITTEE_MESSAGE,
  recordsDecisions,
} from './review-access';

export interface DecisionInput {
  outcome: DecisionOutcome;
  justification: string;
  conditions?: string | null;
  allocations?: RequestedAllocation[];
  meetingId?: string | null;
}

export interface DecisionView {
  id: string;
  proposalId: string;
  reference: string;
  meetingId: string | null;
  round: number;
  fromStatus: ProposalStatus;
  outcome: DecisionOutcome;
  /** The proposal's status right after the decision. */
  status: ProposalStatus;
  justification: string;
  conditions: string | null;
  allocations: { orgCode: string; amount: string }[];
  totalAllocated: string;
  /** Pipeline rank when placed in the pipeline. */
  pipelineRank?: number;
  decidedBy: { id: string; name: string };
  /** CHAIR, or ACTING_CHAIR: a member who is not recused, because every chair is recused from it. */
  recordedAs: DecisionCapacity;
  decidedAt: string;
}

const TO_STATUS: Record<DecisionOutcome, ProposalStatus> = {
  [DecisionOutcome.APPROVED]: ProposalStatus.APPROVED,
  [DecisionOutcome.PIPELINE]: ProposalStatus.PIPELINE,
  [DecisionOutcome.REVISION_REQUESTED]: ProposalStatus.REVISION_REQUESTED,
  [DecisionOutcome.REJECTED]: ProposalStatus.REJECTED,
};

/**
 * Steering Committee decisions, recorded by the chair, or by a member acting as chair when the
 * chair is recused from the proposal (decisionAuthority). One transaction per call: the decision row
 * (append-only), the status change (ProposalStatusService), the allocation (FinanceService, which
 * refuses with 409 and the amount available when the money is not there), the pipeline rank and
 * the audit event. A batch for a meeting is all-or-nothing; an error names the proposal.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DecisionRepository,
    private readonly reviews: ReviewRepository,
    private readonly users: UsersService,
    private readonly proposals: ProposalQueriesService,
    private readonly statuses: ProposalStatusService,
    private readonly finance: FinanceService,
    private readonly meetings: MeetingsService,
    private readonly pipeline: PipelineService,
    private readonly packs: DecisionPackService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async decide(user: AuthUser, proposalId: string, input: DecisionInput): Promise<DecisionView> {
    this.assertCommittee(user);
    const id = await this.dataSource.transaction(async (manager) => {
      let meeting: MeetingRow | null = null;
      if (input.meetingId) {
        meeting = await this.meetings.find(manager, input.meetingId);
        if (!meeting)
          throw new RuleViolationError('Unknown meeting', [
            { field: 'meetingId', rule: 'EXISTS', message: `meeting ${input.meetingId} does not exist` },
          ]);
      }
      return this.record(manager, user, proposalId, input, meeting);
    });
    return this.get(id);
  }

  /** Every decision of a meeting in one transaction: all recorded, or none. */
  async decideBatch(
    user: AuthUser,
    meetingId: string,
    decisions: (Omit<DecisionInput, 'meetingId'> & { proposalId: string })[],
  ): Promise<{ meetingId: string; decisions: DecisionView[] }> {
    this.assertCommittee(user);
    const seen = new Set<string>();
    decisions.forEach(({ proposalId }, index) => {
      if (seen.has(proposalId))
        throw ValidationError.field(`decisions[${index}].proposalId`, `lists proposal ${proposalId} twice`);
      seen.add(proposalId);
    });
    const ids = await this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetings.find(manager, meetingId);
      if (!meeting) throw new NotFoundError('Meeting', meetingId);
      // Lock every proposal first, in one order, so two batches cannot deadlock.
      const locked = await this.statuses.lockMany(manager, [...seen], 'UPDATE');
      const references = new Map(locked.map((row) => [row.id, row.reference]));
      const recorded: string[] = [];
      for (const [index, decision] of decisions.entries()) {
        try {
          recorded.push(await this.record(manager, user, decision.proposalId, decision, meeting));
        } catch (error) {
          throw named(error, index, decision.proposalId, references.get(decision.proposalId));
        }
      }
      return recorded;
    });
    const views: DecisionView[] = [];
    for (const id of ids) views.push(await this.get(id));
    return { meetingId, decisions: views };
  }

  /** The decisions on a proposal, oldest first (its focal points see them too). */
  async list(user: AuthUser, proposalId: string): Promise<DecisionView[]> {
    await this.proposals.assertVisible(user, proposalId);
    return (await this.repository.ofProposal(this.dataSource, proposalId)).map(toDecisionView);
  }

  /** The decisions recorded at a meeting, in agenda order. */
  async ofMeeting(
    meetingId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DecisionView[]> {
    return (await this.repository.ofMeeting(manager, meetingId)).map(toDecisionView);
  }

  async get(id: string): Promise<DecisionView> {
    const [row] = await this.repository.byId(this.dataSource, id);
    if (!row) throw new NotFoundError('Decision', id);
    return toDecisionView(row);
  }

  /** One decision inside the caller's transaction; returns the decision id. */
  private async record(
    manager: EntityManager,
    user: AuthUser,
    proposalId: string,
    input: DecisionInput,
    meeting: MeetingRow | null,
  ): Promise<string> {
    const status = await this.statuses.lock(manager, proposalId);
    await this.proposals.assertVisible(user, proposalId, manager);
    // Under the proposal's lock: a conflict declared meanwhile (which takes it too) is seen here.
    const { capacity, facts } = await this.capacityOf(manager, user, proposalId);
    const action = OUTCOME_ACTIONS[input.outcome];
    if (!canTransition(status, action))
      throw new InvalidStateError('proposal', status, `record a ${input.outcome} decision on`);
    const justification = input.justification.trim();
    if (!justification) throw ValidationError.field('justification', 'is required');

    // The meeting's pack is kept as the committee saw it before its first decision changes anything.
    if (meeting) await this.packs.keep(manager, meeting.id);
    const problems: ErrorDetail[] = [];
    if (meeting && !(await this.meetings.agendaIds(manager, meeting.id)).includes(proposalId))
      problems.push({
        field: 'meetingId',
        rule: 'AGENDA',
        message: `the proposal is not on the agenda of ${meeting.title}`,
      });
    const budget = await this.proposals.budgetOf(manager, proposalId);
    problems.push(
      ...checkDecisionAllocations(input.outcome, input.allocations, totalsByOrganization(budget)),
    );
    if (problems.length) throw new RuleViolationError('The decision breaks the fund rules', problems);

    const round = facts.reviewRound;
    const allocations = input.outcome === DecisionOutcome.APPROVED ? (input.allocations ?? []) : [];
    const today = this.clock.today();
    let entryIds: string[] = [];
    if (allocations.length) {
      // The SC allocates at its meeting: a decision recorded for a past meeting is dated then.
      const date = meeting && meeting.date <= today ? meeting.date : today;
      const result = await this.finance.allocate(manager, {
        programmeId: proposalId,
        allocations: allocations.map(({ orgCode, amountCents }) => ({ orgCode, amountCents })),
        actor: user,
        date,
      });
      entryIds = result.allocations.map((allocation) => allocation.entryId);
    }
    const total: Cents = sumCents(allocations.map((allocation) => allocation.amountCents));
    const decisionId = await this.repository.add(manager, {
      proposalId,
      meetingId: meeting?.id ?? null,
      round,
      fromStatus: status,
      outcome: input.outcome,
      justification,
      conditions: input.conditions?.trim() || null,
      totalAllocated: total,
      decidedBy: user.id,
      recordedAs: capacity,
      allocations: allocations.map((a, index) => ({
        orgCode: a.orgCode,
        amount: a.amountCents,
        entryId: entryIds[index],
      })),
    });
    await this.statuses.apply(manager, { proposalId, action, actor: user, comment: justification });
    let pipelineRank: number | undefined;
    if (input.outcome === DecisionOutcome.PIPELINE)
      pipelineRank = await this.pipeline.add(manager, proposalId);
    else if (status === ProposalStatus.PIPELINE) await this.pipeline.remove(manager, proposalId);
    await this.audit.record(manager, {
      actor: user,
      action: 'decision.record',
      entityType: 'proposal',
      entityId: proposalId,
      before: { status },
      after: {
        decisionId,
        outcome: input.outcome,
        status: TO_STATUS[input.outcome],
        round,
        meetingId: meeting?.id ?? null,
        justification,
        conditions: input.conditions?.trim() || null,
        allocations: allocations.map((a) => ({ orgCode: a.orgCode, amount: formatMoney(a.amountCents) })),
        ...(pipelineRank ? { pipelineRank } : {}),
        recordedAs: capacity,
      },
    });
    return decisionId;
  }

  /** The capacity `user` records the proposal's decision in, or 403 naming the rule (decisionAuthority). */
  private async capacityOf(
    manager: EntityManager,
    user: AuthUser,
    proposalId: string,
  ): Promise<{ capacity: DecisionCapacity; facts: ReviewFacts }> {
    const facts = await this.reviews.facts(manager, proposalId);
    if (!facts) throw new NotFoundError('Proposal', proposalId);
    const chairs = await this.users.activeHolders(manager, Permission.DECISION_CHAIR);
    const authority = decisionAuthority(user, facts, chairs);
    if (authority.capacity === null)
      throw new ForbiddenError(authority.message, [{ rule: authority.rule, message: authority.message }]);
    return { capacity: authority.capacity, facts };
  }

  private assertCommittee(user: AuthUser): void {
    if (!recordsDecisions(user)) throw new ForbiddenError(NOT_COMMITTEE_MESSAGE);
  }
}

function toDecisionView(row: DecisionRow): DecisionView {
  return {
    id: row.id,
    proposalId: row.proposalId,
    reference: row.reference,
    meetingId: row.meetingId,
    round: row.round,
    fromStatus: row.fromStatus,
    outcome: row.outcome,
    status: TO_STATUS[row.outcome],
    justification: row.justification,
    conditions: row.conditions,
    allocations: row.allocations.map((a) => ({ orgCode: a.orgCode, amount: formatMoney(a.amount) })),
    totalAllocated: formatMoney(row.total),
    ...(row.pipelineRank ? { pipelineRank: row.pipelineRank } : {}),
    decidedBy: { id: row.userId, name: row.name },
    recordedAs: row.recordedAs,
    decidedAt: new Date(row.decidedAt).toISOString(),
  };
}

/** The same error, its message and details naming the batch entry and the proposal. */
function named(error: unknown, index: number, proposalId: string, reference?: string): unknown {
  if (!(error instanceof DomainError)) return error;
  const label = `decisions[${index}] (${reference ?? proposalId})`;
  const details = (error.details?.length ? error.details : [{ message: error.message }]).map((detail) => ({
    ...detail,
    field: detail.field ? `decisions[${index}].${detail.field}` : `decisions[${index}]`,
    proposalId,
    ...(reference ? { reference } : {}),
  }));
  return new DomainError(error.code, `${label}: ${error.message}`, details);
}
