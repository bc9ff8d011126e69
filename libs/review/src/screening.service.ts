import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import {
  Clock,
  ForbiddenError,
  InvalidStateError,
  RuleViolationError,
  ValidationError,
} from '@mptf/platform';
import {
  canTransition,
  ProposalAction,
  ProposalDetailView,
  ProposalQueriesService,
  ProposalStatusService,
} from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { DataSource } from 'typeorm';
import { ReviewRepository } from './repositories/review.repository';
import { ReviewNotices } from './review-notices';

export enum ScreeningOutcome {
  PASS = 'PASS',
  RETURN = 'RETURN',
  INELIGIBLE = 'INELIGIBLE',
}

const ACTIONS: Record<ScreeningOutcome, ProposalAction> = {
  [ScreeningOutcome.PASS]: ProposalAction.SCREEN_PASS,
  [ScreeningOutcome.RETURN]: ProposalAction.SCREEN_RETURN,
  [ScreeningOutcome.INELIGIBLE]: ProposalAction.SCREEN_INELIGIBLE,
};

export interface ScreeningInput {
  outcome: ScreeningOutcome;
  comment?: string | null;
  /** PASS only; default today + the fund's review window. */
  reviewDueDate?: string | null;
}

export type ScreenedProposal = ProposalDetailView & { reviewRound: number };

/**
 * The FMU's screening of a submitted proposal: pass it to the Steering Committee (with a review
 * due date, a new review round), return it to the agencies, or declare it ineligible. The comment
 * goes into the status timeline its focal points read (GET /proposals/:id/timeline), and the
 * change into the audit record, in one transaction.
 */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalQueriesService,
    private readonly reviews: ReviewRepository,
    private readonly statuses: ProposalStatusService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly notices: ReviewNotices,
  ) {}

  async screen(user: AuthUser, proposalId: string, input: ScreeningInput): Promise<ScreenedProposal> {
    if (!can(user, Permission.PROPOSAL_SCREEN)) throw new ForbiddenError('Only the FMU screens proposals');
    const comment = input.comment?.trim() || null;
    if (input.outcome !== ScreeningOutcome.PASS && !comment)
      throw ValidationError.field(
        'comment',
        `is required to ${input.outcome === ScreeningOutcome.RETURN ? 'return' : 'declare ineligible'} a proposal`,
      );
    if (input.outcome !== ScreeningOutcome.PASS && input.reviewDueDate)
      throw ValidationError.field('reviewDueDate', 'is only set when the proposal passes screening');

    const action = ACTIONS[input.outcome];
    await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      await this.proposals.assertVisible(user, proposalId, manager);
      if (!canTransition(status, action)) throw new InvalidStateError('proposal', status, 'screen');
      let columns: Record<string, unknown> | undefined;
      if (input.outcome === ScreeningOutcome.PASS) {
        const today = this.clock.today();
        const settings = await this.reference.fundSettings(manager);
        const due = input.reviewDueDate ?? addDays(today, settings.reviewWindowDays);
        if (due < today)
          throw new RuleViolationError('The review due date is in the past', [
            { field: 'reviewDueDate', rule: 'NOT_IN_PAST', message: `must be today (${today}) or later` },
          ]);
        columns = { review_due_date: due };
      }
      await this.statuses.apply(manager, {
        proposalId,
        action,
        actor: user,
        comment: comment ?? (input.outcome === ScreeningOutcome.PASS ? 'Passed screening' : null),
        columns,
        lockedStatus: status,
      });
      if (input.outcome === ScreeningOutcome.INELIGIBLE) return;
      // Read after the change: the new round, and the conflicts as they stand under the lock.
      const facts = await this.reviews.facts(manager, proposalId);
      if (!facts) return;
      if (input.outcome === ScreeningOutcome.PASS) await this.notices.queuedForReview(manager, facts, user);
      else await this.notices.returned(manager, facts, user);
    });
    const [view, reviewRound] = await Promise.all([
      this.proposals.get(user, proposalId),
      this.reviews.reviewRound(this.dataSource, proposalId),
    ]);
    return { ...view, reviewRound: reviewRound ?? 0 };
  }
}

/** Adds `days` to a YYYY-MM-DD date (UTC). */
function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}
