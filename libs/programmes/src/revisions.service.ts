import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import { FinanceService, PunoShare, ReallocationService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { can, Permission, UsersService } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  parseMoney,
  RuleViolationError,
  ValidationError,
} from '@mptf/platform';
import { ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { ResultsMatrixService } from '@mptf/results';
import {
  decisionAuthority,
  DecisionCapacity,
  MeetingsService,
  NOT_COMMITTEE_MESSAGE,
  recordsDecisions,
} from '@mptf/review';
import { DataSource, EntityManager } from 'typeorm';
import { ObligationsService } from './obligations.service';
import { ProgrammeFacts } from './programme-facts.repository';
import { diffVersions } from './programme-version';
import { ProgrammeNotices } from './programme-notices';
import { ProgrammeVersionsService } from './programme-versions.service';
import { convenes, listScope } from './programmes-access';
import { assessRevision, RevisionRequest, RevisionRoute, RevisionStatus } from './revision-rules';
import { RevisionRow, RevisionsRepository } from './revisions.repository';

export interface RevisionView extends RevisionRow {
  /** What the revision changes (or changed) against the version it revises. */
  changes: ReturnType<typeof diffVersions>;
}

const REVISABLE: readonly string[] = [ProposalStatus.APPROVED, ProposalStatus.ACTIVE];

/** Each PUNO's direct budget before and after the revision, in cents. */
function punoShares(row: RevisionRow, facts: ProgrammeFacts): PunoShare[] {
  const direct = (lines: RevisionRow['afterVersion']['budgetLines'], orgCode: string) =>
    lines.filter((l) => l.orgCode === orgCode).reduce((sum, l) => sum + parseMoney(l.amount), 0n);
  return facts.punos.map(({ code }) => ({
    orgCode: code,
    before: direct(row.beforeVersion.budgetLines, code),
    after: direct(row.afterVersion.budgetLines, code),
  }));
}

function toView(row: RevisionRow): RevisionView {
  return { ...row, changes: diffVersions(row.beforeVersion, row.afterVersion) };
}

/**
 * Programme revisions (MPTF Office practice): no-cost extensions, budget revisions and cost
 * extensions, requested by the convening agency; the fund unit approves those within the fund's
 * thresholds, the Steering Committee the others (on a meeting's agenda, recorded by the chair with
 * the review lib's decision authority); a cost extension's money is allocated like a decision's.
 */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revisions: RevisionsRepository,
    private readonly history: ProgrammeVersionsService,
    private readonly calendar: ObligationsService,
    private readonly statuses: ProposalStatusService,
    private readonly reference: ReferenceService,
    private readonly finance: FinanceService,
    private readonly meetings: MeetingsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notices: ProgrammeNotices,
    private readonly clock: Clock,
    private readonly matrices: ResultsMatrixService,
    private readonly reallocations: ReallocationService,
  ) {}

  async request(user: AuthUser, programmeId: string, request: RevisionRequest): Promise<RevisionView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const facts = await this.calendar.visibleProgramme(user, programmeId, manager);
      if (!can(user, Permission.REVISION_REQUEST) || !convenes(user, facts))
        throw new ForbiddenError(`Only the convening agency (${facts.convenerCode}) requests revisions`, [
          { rule: 'CONVENER', message: `your agency does not convene ${facts.reference}` },
        ]);
      // One revision at a time per programme: the programme's row serializes concurrent requests.
      const status = await this.statuses.lock(manager, programmeId);
      if (!REVISABLE.includes(status)) throw new InvalidStateError('programme', status, 'revise');
      if (
        (await this.revisions.ofProgramme(manager, programmeId)).some(
          (r) => r.status === RevisionStatus.SUBMITTED,
        )
      )
        throw new ConflictError('A revision of this programme is already waiting for a decision', [
          { rule: 'ONE_OPEN_REVISION', message: 'decide the open revision first' },
        ]);
      const current = await this.history.current(manager, facts);
      const settings = await this.reference.fundSettings(manager);
      const year = Number(this.clock.today().slice(0, 4));
      const assessment = assessRevision(
        request,
        current,
        facts.punos.map((p) => p.code),
        settings,
        await this.revisions.fundUnitApprovalsInYear(manager, programmeId, year),
      );
      if (assessment.violations.length)
        throw new RuleViolationError('The revision request breaks the fund rules', assessment.violations);
      const { kind: _kind, justification: _justification, ...proposed } = request;
      const revisionId = await this.revisions.insert(manager, {
        programmeId,
        kind: request.kind,
        route: assessment.route,
        routeReasons: assessment.reasons,
        justification: request.justification.trim(),
        proposed,
        before: current,
        after: assessment.after,
        additionalAllocations: request.additionalAllocations ?? [],
        requestedBy: user.id,
      });
      await this.audit.record(manager, {
        actor: user,
        action: 'revision.request',
        entityType: 'programme_revision',
        entityId: revisionId,
        before: null,
        after: { programmeId, kind: request.kind, route: assessment.route, reasons: assessment.reasons },
      });
      await this.notices.revisionSubmitted(manager, (await this.revisions.find(manager, revisionId))!, user);
      return revisionId;
    });
    return this.get(user, id);
  }

  async ofProgramme(user: AuthUser, programmeId: string): Promise<RevisionView[]> {
    await this.calendar.visibleProgramme(user, programmeId);
    return (await this.revisions.ofProgramme(this.dataSource.manager, programmeId)).map(toView);
  }

  /** The programme's versions (the approved proposal, then each approved revision), or the one in force on `at`. */
  async versionsOf(user: AuthUser, programmeId: string, at?: string) {
    const manager = this.dataSource.manager;
    const facts = await this.calendar.visibleProgramme(user, programmeId, manager);
    return at ? this.history.inForceAt(manager, facts, at) : this.history.history(manager, facts);
  }

  /** Revisions waiting for a decision in the caller's scope (the fund unit's and the Committee's queues). */
  async pending(user: AuthUser, route?: RevisionRoute): Promise<RevisionView[]> {
    const scope = listScope(user);
    return (
      await this.revisions.pending(
        this.dataSource.manager,
        route ?? null,
        scope === 'ALL' ? undefined : scope.organizationId,
      )
    ).map(toView);
  }

  async get(
    user: AuthUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RevisionView> {
    const row = await this.revisions.find(manager, id);
    if (!row) throw new NotFoundError('Revision', id);
    await this.calendar.visibleProgramme(user, row.programmeId, manager);
    return toView(row);
  }

  /** The fund unit's decision on a revision within its thresholds (409 for one the Committee decides). */
  async review(
    user: AuthUser,
    id: string,
    outcome: 'APPROVE' | 'REJECT',
    comment: string,
  ): Promise<RevisionView> {
    if (!can(user, Permission.REVISION_APPROVE))
      throw new ForbiddenError('Only the fund unit approves revisions within its thresholds');
    const text = comment?.trim();
    if (!text) throw ValidationError.field('comment', 'is required');
    await this.dataSource.transaction(async (manager) => {
      const { row, facts } = await this.lockOpen(manager, user, id);
      if (row.route !== RevisionRoute.FUND_UNIT)
        throw new ConflictError('The Steering Committee decides this revision', [
          { rule: 'COMMITTEE_ROUTE', message: row.routeReasons.map((r) => r.message).join('; ') },
        ]);
      await this.close(
        manager,
        user,
        { row, facts },
        outcome === 'APPROVE' ? RevisionStatus.APPROVED : RevisionStatus.REJECTED,
        'FUND_UNIT',
        text,
        null,
      );
    });
    return this.get(user, id);
  }

  /** Puts a Committee revision on a meeting's agenda (until the meeting has decided anything). */
  async schedule(user: AuthUser, id: string, meetingId: string): Promise<RevisionView> {
    if (!can(user, Permission.MEETING_MANAGE))
      throw new ForbiddenError('Only the fund unit prepares meetings');
    await this.dataSource.transaction(async (manager) => {
      const { row } = await this.lockOpen(manager, user, id);
      if (row.route !== RevisionRoute.COMMITTEE)
        throw new ConflictError('The fund unit decides this revision; it does not go to the Committee', [
          { rule: 'FUND_UNIT_ROUTE', message: 'within the fund unit thresholds' },
        ]);
      const meeting = await this.meetings.get(meetingId, manager).catch(() => null);
      if (!meeting)
        throw new RuleViolationError('Unknown meeting', [
          { field: 'meetingId', rule: 'EXISTS', message: `meeting ${meetingId} does not exist` },
        ]);
      if (meeting.decisionCount > 0)
        throw new ConflictError(`${meeting.title} has already decided, its agenda is closed`, [
          { field: 'meetingId', rule: 'AGENDA_OPEN', message: 'the meeting has recorded decisions' },
        ]);
      await this.revisions.setMeeting(manager, id, meetingId);
      await this.audit.record(manager, {
        actor: user,
        action: 'revision.schedule',
        entityType: 'programme_revision',
        entityId: id,
        before: { meetingId: row.meetingId },
        after: { meetingId },
      });
    });
    return this.get(user, id);
  }

  /**
   * The Committee's decision, recorded by the chair (or an acting chair, the review lib's rule with
   * the programme's PUNOs as recusal facts). Approving a cost extension allocates its money in the
   * same transaction (409 with the amount available when the fund cannot).
   */
  async decide(
    user: AuthUser,
    id: string,
    input: { outcome: 'APPROVED' | 'REJECTED'; justification: string; meetingId?: string | null },
  ): Promise<RevisionView> {
    if (!recordsDecisions(user)) throw new ForbiddenError(NOT_COMMITTEE_MESSAGE);
    const justification = input.justification?.trim();
    if (!justification) throw ValidationError.field('justification', 'is required');
    await this.dataSource.transaction(async (manager) => {
      const { row, facts } = await this.lockOpen(manager, user, id);
      if (row.route !== RevisionRoute.COMMITTEE)
        throw new ConflictError('The fund unit decides this revision', [
          { rule: 'FUND_UNIT_ROUTE', message: 'within the fund unit thresholds' },
        ]);
      const meetingId = input.meetingId ?? row.meetingId;
      if (!meetingId || (row.meetingId && meetingId !== row.meetingId))
        throw new RuleViolationError("The revision is not on that meeting's agenda", [
          {
            field: 'meetingId',
            rule: 'AGENDA',
            message: row.meetingId
              ? `the revision is on the agenda of meeting ${row.meetingId}`
              : "put the revision on a meeting's agenda first",
          },
        ]);
      const chairs = await this.users.activeHolders(manager, Permission.DECISION_CHAIR);
      const authority = decisionAuthority(
        user,
        {
          convenerOrgId: facts.convenerOrgId,
          organizationIds: facts.punos.map((p) => p.id),
          conflictUserIds: [],
        },
        chairs,
      );
      if (authority.capacity === null)
        throw new ForbiddenError(authority.message, [{ rule: authority.rule, message: authority.message }]);
      const status = input.outcome === 'APPROVED' ? RevisionStatus.APPROVED : RevisionStatus.REJECTED;
      if (status === RevisionStatus.APPROVED && row.additionalAllocations.length) {
        const meeting = await this.meetings.find(manager, meetingId);
        const today = this.clock.today();
        await this.finance.allocate(manager, {
          programmeId: row.programmeId,
          allocations: row.additionalAllocations.map((a) => ({
            orgCode: a.orgCode,
            amountCents: parseMoney(a.amount),
          })),
          additionalBudget: row.afterVersion.additionalFunding.map((a) => ({
            orgCode: a.orgCode,
            amountCents: parseMoney(a.amount),
          })),
          actor: user,
          date: meeting && meeting.date <= today ? meeting.date : today,
        });
      }
      await this.close(
        manager,
        user,
        { row, facts },
        status,
        authority.capacity === DecisionCapacity.CHAIR ? 'CHAIR' : 'ACTING_CHAIR',
        justification,
        meetingId,
      );
    });
    return this.get(user, id);
  }

  private async lockOpen(
    manager: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ row: RevisionRow; facts: ProgrammeFacts }> {
    const locked = await this.revisions.lock(manager, id);
    if (!locked) throw new NotFoundError('Revision', id);
    const facts = await this.calendar.visibleProgramme(user, locked.programmeId, manager);
    if (locked.status !== RevisionStatus.SUBMITTED)
      throw new InvalidStateError('revision', locked.status, 'decide');
    return { row: (await this.revisions.find(manager, id))!, facts };
  }

  private async close(
    manager: EntityManager,
    user: AuthUser,
    { row, facts }: { row: RevisionRow; facts: ProgrammeFacts },
    status: RevisionStatus,
    decidedAs: 'FUND_UNIT' | 'CHAIR' | 'ACTING_CHAIR',
    comment: string,
    meetingId: string | null,
  ): Promise<void> {
    await this.revisions.decide(manager, row.id, {
      status,
      decidedBy: user.id,
      decidedAs,
      decidedOn: this.clock.today(),
      comment,
      meetingId,
    });
    if (status === RevisionStatus.APPROVED) {
      // Money moved between PUNOs moves their allocations in the ledger, once per revision.
      const shares = punoShares(row, facts);
      if (shares.some((share) => share.before !== share.after))
        await this.reallocations.reallocate(manager, {
          programmeId: row.programmeId,
          revisionId: row.id,
          shares,
          actor: user,
          date: this.clock.today(),
        });
      // The revised results matrix becomes the live one (the earlier shapes stay in the versions).
      if (JSON.stringify(row.beforeVersion.results) !== JSON.stringify(row.afterVersion.results))
        await this.matrices.applyRevisedShape(
          manager,
          row.programmeId,
          row.afterVersion.results,
          Number(this.clock.today().slice(0, 4)),
        );
      // A new end date moves the annual and final reports.
      await this.calendar.reconcile(manager, row.programmeId);
    }
    await this.audit.record(manager, {
      actor: user,
      action: `revision.${status.toLowerCase()}`,
      entityType: 'programme_revision',
      entityId: row.id,
      before: { status: row.status },
      after: {
        status,
        decidedAs,
        comment,
        meetingId,
        changes: diffVersions(row.beforeVersion, row.afterVersion),
      },
    });
    await this.notices.revisionDecided(manager, row, facts, user);
  }
}
