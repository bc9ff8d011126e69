import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { NotificationKind, NotificationsService } from '@mptf/notifications';
import {
  Clock,
  ErrorDetail,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '@mptf/platform';
import { normalizeRate, ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Proposal } from './entities/proposal.entity';
import { canTransition, isEditable, ProposalAction } from './lifecycle';
import {
  assertParticipation,
  contentOf,
  draftRecord,
  inputProblems,
  mergedInput,
  organizationFields,
  parseBudgetLines,
  participationOf,
  partsOf,
  ProposalInput,
  ProposalPatch,
  resolveOrganizations,
} from './proposal-input';
import { assertCanEdit, eligibilityOrgCodes, ProposalQueriesService } from './proposal-queries.service';
import { ProposalStatusService } from './proposal-status.service';
import { accessFactsOf, canCreateProposal, canWithdrawProposal } from './proposals-access';
import { ProposalDetailView, toDocumentView, toProposalView, toSnapshot } from './proposal.view';
import { KnownCodes, ProposalRepository } from './repositories/proposal.repository';
import { PART_NAMES, ProposalPartName } from './repositories/proposal-parts.sql';
import { ProposalRevisionRepository, writtenVersions } from './repositories/proposal-revision.repository';
import { diffSnapshots } from './revision-diff';

/** Which input field replaces which child list on update. */
const PART_FIELDS: Record<ProposalPartName, keyof ProposalInput> = {
  countryCodes: 'countryCodes',
  gcmObjectiveCodes: 'gcmObjectiveCodes',
  participantIds: 'participatingOrgCodes',
  budgetLines: 'budgetLines',
  partners: 'nationalPartners',
};

/** Intake of joint programme proposals: create, edit, submit (eligibility + revision), withdraw. */
@Injectable()
export class ProposalCommandsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ProposalRepository,
    private readonly revisions: ProposalRevisionRepository,
    private readonly queries: ProposalQueriesService,
    private readonly statuses: ProposalStatusService,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  async create(user: AuthUser, input: ProposalInput): Promise<ProposalDetailView> {
    if (!canCreateProposal(user))
      throw new ForbiddenError('Only focal points of UN organizations create proposals');
    assertParticipation(user, null, input);
    // One query checks every code and resolves the organizations.
    const known = await this.knownCodes(this.dataSource.manager, input, input);
    const organizations = resolveOrganizations(input, byCode(known));
    const lines = parseBudgetLines(input.budgetLines);
    // The fund's rate came with the codes (reference_fund_rates_v): no settings read in the transaction.
    if (known.indirectRate === null) throw new NotFoundError('Fund settings', 1);
    const settings = { indirectRate: normalizeRate(known.indirectRate) };
    // Time-ordered (UUIDv7): the proposal's id leads the keys of its child tables' indexes, so
    // new rows land on their newest pages; random ids spread each create over whole indexes
    // (220 MB at 100,000 proposals, beyond the database's buffer cache).
    const id = uuidv7();
    const content = contentOf(input, organizations, settings.indirectRate);
    const parts = partsOf(input, organizations, lines);
    // The event's view is known before the insert but for the reference and times, which the
    // statement adds: the proposal, its parts, its timeline entry and its audit event are one
    // statement, atomic without a transaction of its own (one round trip, was four).
    const audited = toProposalView(
      draftRecord({ id, createdBy: user.id, content }, input, organizations, parts, lines),
      settings.indirectRate,
    );
    const record = await this.repository.insert(
      this.dataSource.manager,
      { id, year: this.clock.now().getUTCFullYear(), createdBy: user.id, content },
      parts,
      this.audit.write({
        actor: user,
        action: 'proposal.create',
        entityType: 'proposal',
        entityId: id,
        after: audited,
      }),
    );
    const view = toProposalView(record, settings.indirectRate);
    // A new proposal has no revisions or documents yet; its authors may see it.
    return { ...view, revisions: [], documents: [] };
  }

  async update(user: AuthUser, proposalId: string, patch: ProposalPatch): Promise<ProposalDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      // Read after the lock: no one changes the proposal or its PUNOs before this one commits.
      const before = await this.queries.requireRecord(manager, proposalId);
      assertCanEdit(user, accessFactsOf(before));
      if (!isEditable(status)) throw new InvalidStateError('proposal', status, 'edit');
      const merged = mergedInput(before, patch);
      // The patch's codes are checked; the merged input's organizations resolved, in one query.
      const known = await this.knownCodes(manager, patch, merged);
      const settings = await this.reference.fundSettings(manager);
      assertParticipation(user, participationOf(before), merged);
      const organizations = resolveOrganizations(merged, byCode(known));
      const lines = parseBudgetLines(merged.budgetLines);
      const beforeSnapshot = toSnapshot(toProposalView(before, settings.indirectRate), []);
      await this.repository.update(
        manager,
        proposalId,
        contentOf(merged, organizations, settings.indirectRate),
        this.clock.now(),
        partsOf(merged, organizations, lines),
        PART_NAMES.filter((name) => patch[PART_FIELDS[name]] !== undefined),
      );
      const after = toSnapshot(await this.queries.viewOf(manager, proposalId, settings), []);
      const changes = diffSnapshots(beforeSnapshot, after);
      if (changes.length === 0) return; // nothing changed, nothing to audit
      await this.audit.record(manager, {
        actor: user,
        action: 'proposal.update',
        entityType: 'proposal',
        entityId: proposalId,
        before: Object.fromEntries(changes.map((c) => [c.field, c.from])),
        after: Object.fromEntries(changes.map((c) => [c.field, c.to])),
      });
    });
    return this.queries.get(user, proposalId);
  }

  /** Runs every eligibility rule; if all pass, stores revision n+1 and moves to SUBMITTED. */
  async submit(user: AuthUser, proposalId: string): Promise<ProposalDetailView> {
    return this.dataSource.transaction(async (manager) => {
      // Read as it locks: no one changes the proposal or its PUNOs before this one commits.
      const record = await this.queries.requireRecord(manager, proposalId, { lock: true });
      const status = record.proposal.status;
      assertCanEdit(user, accessFactsOf(record));
      if (!canTransition(status, ProposalAction.SUBMIT))
        throw new InvalidStateError('proposal', status, 'submit');
      // After the lock, in one statement: the fund settings, the documents (read once: the
      // revision's snapshot lists them, the required-documents rule needs their kinds) and the
      // facts of the eligibility rules (the area's objectives, which organizations are UN entities).
      const settingsRead = this.reference.fundSettingsRead();
      const facts = await this.repository.submissionFacts(
        manager,
        proposalId,
        record.proposal.thematicAreaCode,
        eligibilityOrgCodes(record),
        settingsRead.sql,
      );
      const settings = settingsRead.parse(facts.selected);
      const { documents } = facts;
      const violations = await this.queries.eligibilityOf(
        manager,
        record,
        settings,
        documents.map((document) => document.kind),
        facts,
      );
      if (violations.length) {
        throw new RuleViolationError(
          `The proposal is not eligible: ${violations.length} rule violation${violations.length > 1 ? 's' : ''}`,
          violations as unknown as ErrorDetail[],
        );
      }
      const version = record.proposal.version + 1;
      const submittedAt = this.clock.now();
      const view = toProposalView(record, settings.indirectRate);
      const change = await this.statuses.apply(manager, {
        proposalId,
        action: ProposalAction.SUBMIT,
        actor: user,
        comment: `Revision ${version} submitted`,
        // The budget is frozen at the rate in force when it is submitted.
        columns: { version, submitted_at: submittedAt, indirect_rate: settings.indirectRate },
        lockedStatus: status,
        // Revision n+1 is stored by the status change's statement (one round trip for both).
        alongside: this.revisions.addAlongside({
          proposalId,
          version,
          snapshot: toSnapshot(view, documents),
          submittedAt,
          submittedBy: user.id,
        }),
      });
      const revisions = writtenVersions(change.written);
      // The fund unit screens it next.
      await this.notifications.notify(
        {
          kind: NotificationKind.PROPOSAL_SUBMITTED,
          recipients: { roles: [Role.FMU_OFFICER], exceptUserIds: [user.id] },
          item: {
            type: 'proposal',
            id: proposalId,
            reference: record.proposal.reference,
            title: record.proposal.title,
          },
          link: `/proposals/${proposalId}`,
        },
        manager,
      );
      // The response from what the transaction holds: the parts did not change under the row
      // lock, the row changed only in the columns just set, and the author may still see it.
      const proposal: Proposal = Object.assign(new Proposal(), record.proposal, {
        status: change.to,
        version,
        submittedAt,
        indirectRate: settings.indirectRate,
        updatedAt: change.at,
      });
      return {
        ...toProposalView({ ...record, proposal }, settings.indirectRate),
        revisions: revisions.map((r) => ({ version: r.version, submittedAt: r.submittedAt.toISOString() })),
        documents: documents.map(toDocumentView),
      };
    });
  }

  /** The convening agency takes the proposal back, at any time before a decision. */
  async withdraw(user: AuthUser, proposalId: string, comment?: string | null): Promise<ProposalDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      const facts = await this.queries.assertVisible(user, proposalId, manager);
      if (!canWithdrawProposal(user, facts))
        throw new ForbiddenError('Only focal points of the convening agency can withdraw a proposal');
      if (!canTransition(status, ProposalAction.WITHDRAW))
        throw new InvalidStateError('proposal', status, 'withdraw');
      await this.statuses.apply(manager, {
        proposalId,
        action: ProposalAction.WITHDRAW,
        actor: user,
        comment: comment?.trim() || null,
        lockedStatus: status,
      });
    });
    return this.queries.get(user, proposalId);
  }

  /**
   * The codes `checked` names must exist (a wrong one is a 400 naming the field, every problem at
   * once); the organizations of `resolved` come back with them, in the same query.
   */
  private async knownCodes(
    manager: EntityManager,
    checked: ProposalPatch,
    resolved: ProposalInput,
  ): Promise<KnownCodes> {
    const orgCodes = [...organizationFields(checked), ...organizationFields(resolved)].flatMap(
      ([, codes]) => codes,
    );
    const known = await this.repository.knownCodes(manager, {
      thematicAreaCode: checked.thematicAreaCode ?? null,
      gcmObjectiveCodes: checked.gcmObjectiveCodes ?? [],
      countryCodes: checked.countryCodes ?? [],
      orgCodes: [...new Set(orgCodes)],
    });
    const details = inputProblems(checked, known);
    if (details.length)
      throw new ValidationError(details.map((d) => `${d.field} ${d.message}`).join('; '), details);
    return known;
  }
}

function byCode(known: KnownCodes): Map<string, { id: string }> {
  return new Map(known.organizations.map((organization) => [organization.code, organization]));
}
