import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { hasRole, OrganizationsService, OrganizationType, Role } from '@mptf/identity';
import {
  Clock,
  entityColumns,
  ErrorDetail,
  ForbiddenError,
  formatMoney,
  hydrateEntities,
  InvalidStateError,
  NotFoundError,
  offsetOf,
  Page,
  pageOf,
  parseMoney,
  positionalParams,
  RuleViolationError,
  selectEntities,
  ValidationError,
} from '@mptf/platform';
import { FundSettings, ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Budget, BudgetLineInput, computeBudget } from './budget';
import { checkEligibility, EligibilityInput, EligibilityViolation } from './eligibility';
import { ProposalDocument } from './entities/proposal-document.entity';
import {
  PartnerType,
  ProposalBudgetLine,
  ProposalCountry,
  ProposalObjective,
  ProposalOrganization,
  ProposalPartner,
} from './entities/proposal-parts.entity';
import { ProposalRevision } from './entities/proposal-revision.entity';
import { Proposal, ProposalScope, ProposalStage } from './entities/proposal.entity';
import { canTransition, isEditable, ProposalAction, ProposalStatus } from './lifecycle';
import { ProposalStatusService } from './proposal-status.service';
import { accessFactsOf, loadAccessFacts, loadProposalRecord, loadProposalRecords } from './proposal-records';
import {
  effectiveRate,
  ProposalDetailView,
  ProposalRecord,
  ProposalSnapshot,
  ProposalView,
  toDocumentView,
  toProposalView,
  toSnapshot,
} from './proposal.view';
import { Participation, participationViolations } from './participation-rules';
import { diffSnapshots, FieldChange } from './revision-diff';
import {
  canEditProposal,
  canViewProposal,
  canWithdrawProposal,
  ProposalAccessFacts,
  visibleProposalsCondition,
} from './visibility';

/** A proposal as agencies write it (money as decimal strings). */
export interface ProposalInput {
  title: string;
  summary: string;
  stage: ProposalStage;
  scope: ProposalScope;
  countryCodes: string[];
  thematicAreaCode: number;
  gcmObjectiveCodes: number[];
  convenerCode: string;
  participatingOrgCodes: string[];
  durationMonths: number;
  markers: { gender: number; humanRights: number; childSensitivity: number };
  governmentEndorsement?: { endorsed: boolean; date?: string | null } | null;
  budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
  nationalPartners?: { name: string; type: PartnerType }[];
}

/** Any subset of the input; lists given replace the stored ones. */
export type ProposalPatch = Partial<ProposalInput>;

export interface ProposalQuery {
  status?: ProposalStatus[];
  thematicArea?: number;
  gcmObjective?: number;
  country?: string;
  region?: string;
  organization?: string;
  convener?: string;
  stage?: ProposalStage;
  scope?: ProposalScope;
  q?: string;
  page: number;
  pageSize: number;
}

export interface RevisionSummary {
  version: number;
  submittedAt: string;
  submittedBy: { id: string; name: string | null };
}

export type RevisionView = ProposalSnapshot &
  RevisionSummary & {
    proposalId: string;
    /** The stored snapshot verbatim (its fields are also spread at the top level). */
    snapshot: ProposalSnapshot;
  };

export interface RevisionDiff {
  proposalId: string;
  from: number;
  to: number;
  changes: FieldChange[];
}

export interface TimelineEntry {
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  occurredAt: string;
  actor: { id: string; name: string; email: string } | null;
  comment: string | null;
}

export interface EligibilityReport {
  eligible: boolean;
  violations: EligibilityViolation[];
}

interface OrganizationRef {
  id: string;
  code: string;
  type: string;
}

interface ResolvedOrganizations {
  convenerId: string;
  participants: { id: string; code: string }[];
  idByCode: Map<string, string>;
}

/** Intake of joint programme proposals: create, edit, submit (eligibility + revision), withdraw, find. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly statuses: ProposalStatusService,
    private readonly reference: ReferenceService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  // ---- commands -------------------------------------------------------------------------------

  async create(user: AuthUser, input: ProposalInput): Promise<ProposalDetailView> {
    if (!hasRole(user, Role.AGENCY_FOCAL_POINT) || !user.organizationCode)
      throw new ForbiddenError('Only focal points of UN organizations create proposals');
    assertParticipation(user, null, input);
    // One query checks every code and resolves the organizations (was ~7 round trips).
    const found = await this.validateCodes(input);
    const organizations = await this.resolveOrganizations(input, found);
    const lines = this.parseBudgetLines(input.budgetLines);
    const view = await this.dataSource.transaction(async (manager) => {
      const settings = await this.reference.fundSettings(manager);
      // Time-ordered (UUIDv7): the proposal's id leads the keys of its child tables' indexes, so
      // new rows land on their newest pages; random ids spread each create over whole indexes
      // (220 MB at 100,000 proposals, beyond the database's buffer cache).
      const id = uuidv7();
      // The row as stored (defaults, column types); the parts are what was just written.
      const proposal = await this.insertProposal(manager, id, input, organizations, lines, user.id, settings);
      const view = toProposalView(
        this.recordOf(proposal, input, organizations, lines),
        settings.indirectRate,
      );
      await this.audit.record(manager, {
        actor: user,
        action: 'proposal.create',
        entityType: 'proposal',
        entityId: id,
        after: view,
      });
      return view;
    });
    // A new proposal has no revisions or documents yet; its authors may see it.
    return { ...view, revisions: [], documents: [] };
  }

  async update(user: AuthUser, proposalId: string, patch: ProposalPatch): Promise<ProposalDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      // Read after the lock: no one changes the proposal or its PUNOs before this one commits.
      const before = await this.requireRecord(manager, proposalId);
      this.assertCanEdit(user, accessFactsOf(before));
      if (!isEditable(status)) throw new InvalidStateError('proposal', status, 'edit');
      await this.validateCodes(patch);
      const settings = await this.reference.fundSettings(manager);
      const merged = this.mergedInput(before, patch);
      assertParticipation(user, participationOf(before), merged);
      const organizations = await this.resolveOrganizations(merged);
      const lines = this.parseBudgetLines(merged.budgetLines);
      const beforeSnapshot = toSnapshot(toProposalView(before, settings.indirectRate), []);
      const endorsement = merged.governmentEndorsement ?? null;
      await manager.update(Proposal, proposalId, {
        title: merged.title.trim(),
        summary: merged.summary.trim(),
        stage: merged.stage,
        scope: merged.scope,
        thematicAreaCode: merged.thematicAreaCode,
        convenerOrgId: organizations.convenerId,
        durationMonths: merged.durationMonths,
        markerGender: merged.markers.gender,
        markerHumanRights: merged.markers.humanRights,
        markerChildSensitivity: merged.markers.childSensitivity,
        governmentEndorsed: endorsement ? endorsement.endorsed : null,
        governmentEndorsementDate: endorsement?.date ?? null,
        indirectRate: settings.indirectRate,
        updatedAt: this.clock.now(),
      });
      await this.writeParts(manager, proposalId, merged, organizations, lines, patch);
      const after = toSnapshot(await this.viewOf(manager, proposalId, settings), []);
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
    return this.get(user, proposalId);
  }

  /** Runs every eligibility rule; if all pass, stores revision n+1 and moves to SUBMITTED. */
  async submit(user: AuthUser, proposalId: string): Promise<ProposalDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      // Read after the lock: no one changes the proposal or its PUNOs before this one commits.
      const record = await this.requireRecord(manager, proposalId);
      this.assertCanEdit(user, accessFactsOf(record));
      if (!canTransition(status, ProposalAction.SUBMIT))
        throw new InvalidStateError('proposal', status, 'submit');
      const settings = await this.reference.fundSettings(manager);
      const violations = await this.eligibilityOf(manager, record, settings);
      if (violations.length) {
        throw new RuleViolationError(
          `The proposal is not eligible: ${violations.length} rule violation${violations.length > 1 ? 's' : ''}`,
          violations as unknown as ErrorDetail[],
        );
      }
      const version = record.proposal.version + 1;
      const submittedAt = this.clock.now();
      // Plain statements where the ORM's query building cost more than the reads themselves.
      const documents = await selectEntities(
        manager,
        ProposalDocument,
        'proposal_id = $1',
        [proposalId],
        'uploaded_at, id',
      );
      const view = toProposalView(record, settings.indirectRate);
      // The new revision and the list the response shows, in one statement (the outer SELECT does
      // not see the row the same statement inserts, hence the union).
      const revisions = (await manager.query(
        `WITH revision AS (
           INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_at, submitted_by)
           VALUES ($1, $2, $3::jsonb, $4, $5)
           RETURNING version, submitted_at
         )
         SELECT version, submitted_at FROM proposal_revisions WHERE proposal_id = $1
         UNION ALL SELECT version, submitted_at FROM revision
         ORDER BY version`,
        [proposalId, version, JSON.stringify(toSnapshot(view, documents)), submittedAt, user.id],
      )) as { version: number; submitted_at: Date }[];
      const change = await this.statuses.apply(manager, {
        proposalId,
        action: ProposalAction.SUBMIT,
        actor: user,
        comment: `Revision ${version} submitted`,
        // The budget is frozen at the rate in force when it is submitted.
        columns: { version, submitted_at: submittedAt, indirect_rate: settings.indirectRate },
        lockedStatus: status,
      });
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
        revisions: revisions.map((r) => ({ version: r.version, submittedAt: r.submitted_at.toISOString() })),
        documents: documents.map(toDocumentView),
      };
    });
  }

  /** The convening agency takes the proposal back, at any time before a decision. */
  async withdraw(user: AuthUser, proposalId: string, comment?: string | null): Promise<ProposalDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      const facts = await this.requireFacts(manager, proposalId);
      if (!canViewProposal(user, facts)) throw this.hidden();
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
    return this.get(user, proposalId);
  }

  // ---- queries --------------------------------------------------------------------------------

  async get(user: AuthUser, proposalId: string): Promise<ProposalDetailView> {
    const manager = this.dataSource.manager;
    // The access check takes its facts from the record the view needs anyway.
    const record = await this.requireRecord(manager, proposalId);
    if (!canViewProposal(user, accessFactsOf(record))) throw this.hidden();
    const settings = await this.reference.fundSettings(manager);
    const view = toProposalView(record, settings.indirectRate);
    const [revisions, documents] = await Promise.all([
      manager.find(ProposalRevision, {
        where: { proposalId },
        select: { version: true, submittedAt: true },
        order: { version: 'ASC' },
      }),
      manager.find(ProposalDocument, { where: { proposalId }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
    ]);
    return {
      ...view,
      revisions: revisions.map((r) => ({ version: r.version, submittedAt: r.submittedAt.toISOString() })),
      documents: documents.map(toDocumentView),
    };
  }

  async list(user: AuthUser, query: ProposalQuery): Promise<Page<ProposalView>> {
    const params: unknown[] = [];
    const param = positionalParams(params);
    const visible = visibleProposalsCondition(user, 'p', param);
    if (visible === 'false') return pageOf([], 0, query);
    const where: string[] = [visible];

    if (query.status?.length) where.push(`p.status = ANY(${param(query.status)})`);
    if (query.thematicArea !== undefined) where.push(`p.thematic_area_code = ${param(query.thematicArea)}`);
    if (query.stage) where.push(`p.stage = ${param(query.stage)}`);
    if (query.scope) where.push(`p.scope = ${param(query.scope)}`);
    if (query.gcmObjective !== undefined)
      where.push(
        `EXISTS (SELECT 1 FROM proposal_objectives fo WHERE fo.proposal_id = p.id AND fo.gcm_objective_code = ${param(query.gcmObjective)})`,
      );
    if (query.country)
      where.push(
        `EXISTS (SELECT 1 FROM proposal_countries fc WHERE fc.proposal_id = p.id AND fc.country_code = ${param(query.country)})`,
      );
    if (query.region)
      where.push(
        `EXISTS (SELECT 1 FROM proposal_countries rc JOIN countries c ON c.code = rc.country_code
                  WHERE rc.proposal_id = p.id AND (lower(c.region) = lower(${param(query.region)}) OR c.region_code = ${param(query.region)}))`,
      );
    if (query.organization) {
      const code = param(query.organization);
      where.push(
        `(EXISTS (SELECT 1 FROM proposal_organizations fp JOIN organizations o ON o.id = fp.organization_id
                   WHERE fp.proposal_id = p.id AND o.code = ${code})
          OR p.convener_org_id = (SELECT id FROM organizations WHERE code = ${code}))`,
      );
    }
    if (query.convener)
      where.push(`p.convener_org_id = (SELECT id FROM organizations WHERE code = ${param(query.convener)})`);
    let rank = '';
    const text = query.q?.trim();
    if (text) {
      const tsquery = `websearch_to_tsquery('english', ${param(text)})`;
      where.push(`p.search @@ ${tsquery}`);
      rank = `ts_rank(p.search, ${tsquery}) DESC, `;
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM proposals p WHERE ${whereSql}`,
      params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT p.id FROM proposals p WHERE ${whereSql}
        ORDER BY ${rank}p.created_at DESC, p.reference DESC
        LIMIT ${param(query.pageSize)} OFFSET ${param(offsetOf(query))}`,
      params,
    )) as { id: string }[];
    const settings = await this.reference.fundSettings();
    const records = await loadProposalRecords(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return pageOf(
      records.map((record) => toProposalView(record, settings.indirectRate)),
      total,
      query,
    );
  }

  async revisions(user: AuthUser, proposalId: string): Promise<RevisionSummary[]> {
    await this.assertVisible(user, proposalId);
    const rows = (await this.dataSource.query(
      `SELECT r.version, r.submitted_at, r.submitted_by, u.name FROM proposal_revisions r
         LEFT JOIN users u ON u.id = r.submitted_by WHERE r.proposal_id = $1 ORDER BY r.version`,
      [proposalId],
    )) as { version: number; submitted_at: Date; submitted_by: string; name: string | null }[];
    return rows.map((r) => ({
      version: r.version,
      submittedAt: r.submitted_at.toISOString(),
      submittedBy: { id: r.submitted_by, name: r.name },
    }));
  }

  async revision(user: AuthUser, proposalId: string, version: number): Promise<RevisionView> {
    await this.assertVisible(user, proposalId);
    const revision = await this.dataSource.manager.findOne(ProposalRevision, {
      where: { proposalId, version },
    });
    if (!revision) throw new NotFoundError(`Revision ${version} of proposal`, proposalId);
    const [author] = (await this.dataSource.query('SELECT name FROM users WHERE id = $1', [
      revision.submittedBy,
    ])) as {
      name: string;
    }[];
    const snapshot = revision.snapshot as unknown as ProposalSnapshot;
    return {
      ...snapshot,
      proposalId,
      version: revision.version,
      submittedAt: revision.submittedAt.toISOString(),
      submittedBy: { id: revision.submittedBy, name: author?.name ?? null },
      snapshot,
    };
  }

  /** Field-by-field changes from revision `from` to revision `to`. */
  async diff(user: AuthUser, proposalId: string, from: number, to: number): Promise<RevisionDiff> {
    await this.assertVisible(user, proposalId);
    const revisions = await this.dataSource.manager.find(ProposalRevision, {
      where: [
        { proposalId, version: from },
        { proposalId, version: to },
      ],
    });
    const left = revisions.find((r) => r.version === from);
    const right = revisions.find((r) => r.version === to);
    if (!left) throw new NotFoundError(`Revision ${from} of proposal`, proposalId);
    if (!right) throw new NotFoundError(`Revision ${to} of proposal`, proposalId);
    return { proposalId, from, to, changes: diffSnapshots(left.snapshot, right.snapshot) };
  }

  /** The status history, oldest first. */
  async timeline(user: AuthUser, proposalId: string): Promise<TimelineEntry[]> {
    await this.assertVisible(user, proposalId);
    const rows = (await this.dataSource.query(
      `SELECT sc.from_status, sc.to_status, sc.occurred_at, sc.comment, u.id AS actor_id, u.name, u.email
         FROM proposal_status_changes sc LEFT JOIN users u ON u.id = sc.actor_id
        WHERE sc.proposal_id = $1 ORDER BY sc.occurred_at, sc.id`,
      [proposalId],
    )) as {
      from_status: ProposalStatus | null;
      to_status: ProposalStatus;
      occurred_at: Date;
      comment: string | null;
      actor_id: string | null;
      name: string;
      email: string;
    }[];
    return rows.map((r) => ({
      fromStatus: r.from_status,
      toStatus: r.to_status,
      occurredAt: r.occurred_at.toISOString(),
      actor: r.actor_id ? { id: r.actor_id, name: r.name, email: r.email } : null,
      comment: r.comment,
    }));
  }

  /** The eligibility rules against the current content, without submitting (for the authors' checklist). */
  async eligibility(user: AuthUser, proposalId: string): Promise<EligibilityReport> {
    await this.assertVisible(user, proposalId);
    const manager = this.dataSource.manager;
    const settings = await this.reference.fundSettings(manager);
    const record = await this.requireRecord(manager, proposalId);
    const violations = await this.eligibilityOf(manager, record, settings);
    return { eligible: violations.length === 0, violations };
  }

  // ---- for other modules ----------------------------------------------------------------------

  /**
   * The budget of a proposal in cents (per PUNO and overall), at its effective indirect rate:
   * frozen at submission, the current fund rate while the agency edits. For review and finance
   * (e.g. an allocation may not exceed a PUNO's budgeted total).
   */
  async budgetOf(manager: EntityManager, proposalId: string): Promise<Budget> {
    const record = await this.requireRecord(manager, proposalId);
    const settings = await this.reference.fundSettings(manager);
    return computeBudget(
      record.budgetLines,
      effectiveRate(record.proposal, settings.indirectRate),
      record.participants.map((p) => p.code),
    );
  }

  /** The API view of a proposal, without row-level checks (callers have done theirs). */
  async viewOf(manager: EntityManager, proposalId: string, settings?: FundSettings): Promise<ProposalView> {
    const record = await this.requireRecord(manager, proposalId);
    const current = settings ?? (await this.reference.fundSettings(manager));
    return toProposalView(record, current.indirectRate);
  }

  async canView(
    user: AuthUser,
    proposalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const facts = await loadAccessFacts(manager, proposalId);
    return !!facts && canViewProposal(user, facts);
  }

  /** 404 when the proposal does not exist, 403 when the user may not see it; else its access facts. */
  async assertVisible(
    user: AuthUser,
    proposalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProposalAccessFacts> {
    const facts = await this.requireFacts(manager, proposalId);
    if (!canViewProposal(user, facts)) throw this.hidden();
    return facts;
  }

  /** 404, 403, or the facts of a proposal the user may edit (the caller checks the state). */
  async assertEditable(
    user: AuthUser,
    proposalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProposalAccessFacts> {
    const facts = await this.requireFacts(manager, proposalId);
    this.assertCanEdit(user, facts);
    return facts;
  }

  // ---- internals ------------------------------------------------------------------------------

  private hidden(): ForbiddenError {
    return new ForbiddenError('You are not allowed to see this proposal');
  }

  private async requireFacts(manager: EntityManager, proposalId: string): Promise<ProposalAccessFacts> {
    const facts = await loadAccessFacts(manager, proposalId);
    if (!facts) throw new NotFoundError('Proposal', proposalId);
    return facts;
  }

  private async requireRecord(manager: EntityManager, proposalId: string): Promise<ProposalRecord> {
    const record = await loadProposalRecord(manager, proposalId);
    if (!record) throw new NotFoundError('Proposal', proposalId);
    return record;
  }

  private assertCanEdit(user: AuthUser, facts: ProposalAccessFacts): void {
    if (!canViewProposal(user, facts)) throw this.hidden();
    if (!canEditProposal(user, facts))
      throw new ForbiddenError(
        "Only focal points of the proposal's participating organizations can change it",
      );
  }

  private async eligibilityOf(
    manager: EntityManager,
    record: ProposalRecord,
    settings: FundSettings,
  ): Promise<EligibilityViolation[]> {
    const codes = [record.convenerCode, ...record.participants.map((p) => p.code)];
    // The area's objectives and which organizations are UN entities, in one query.
    const [row] = (await manager.query(
      `SELECT
         (SELECT coalesce(array_agg(gcm_objective_code ORDER BY gcm_objective_code), '{}')
            FROM thematic_area_objectives WHERE thematic_area_code = $1) AS area_objectives,
         (SELECT coalesce(array_agg(code), '{}') FROM organizations WHERE code = ANY($2) AND type = $3) AS un_codes`,
      [record.proposal.thematicAreaCode, [...new Set(codes)], OrganizationType.UN_ENTITY],
    )) as { area_objectives: number[]; un_codes: string[] }[];
    const unEntityCodes = new Set(row.un_codes);
    const { proposal } = record;
    const input: EligibilityInput = {
      scope: proposal.scope,
      countryCodes: record.countryCodes,
      thematicAreaCode: proposal.thematicAreaCode,
      gcmObjectiveCodes: record.gcmObjectiveCodes,
      convenerCode: record.convenerCode,
      participatingOrgCodes: record.participants.map((p) => p.code),
      durationMonths: proposal.durationMonths,
      markers: {
        gender: proposal.markerGender,
        humanRights: proposal.markerHumanRights,
        childSensitivity: proposal.markerChildSensitivity,
      },
      governmentEndorsement:
        proposal.governmentEndorsed === null
          ? null
          : { endorsed: proposal.governmentEndorsed, date: proposal.governmentEndorsementDate },
      budgetLines: record.budgetLines,
    };
    return checkEligibility(input, {
      settings,
      areaObjectiveCodes: row.area_objectives.map(Number),
      unEntityCodes,
    });
  }

  /**
   * Codes that must exist in reference data: a wrong one is a 400 naming the field. Checks them all
   * in one query; returns the organizations found by code (for `resolveOrganizations`).
   */
  private async validateCodes(input: ProposalPatch): Promise<Map<string, OrganizationRef>> {
    const details: ErrorDetail[] = [];
    const orgFields: [string, string[]][] = [
      ['convenerCode', input.convenerCode ? [input.convenerCode] : []],
      ['participatingOrgCodes', input.participatingOrgCodes ?? []],
      ['budgetLines', (input.budgetLines ?? []).map((l) => l.orgCode)],
    ];
    const allCodes = [...new Set(orgFields.flatMap(([, codes]) => codes))];
    // numeric comparisons: any number the DTO lets through is simply unknown, never a cast error.
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT coalesce(array_agg(code), '{}') FROM thematic_areas WHERE code::numeric = $1::numeric) AS areas,
         (SELECT coalesce(array_agg(code), '{}') FROM gcm_objectives WHERE code::numeric = ANY($2::numeric[])) AS objectives,
         (SELECT coalesce(array_agg(code::text), '{}') FROM countries WHERE code = ANY($3)) AS countries,
         (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'type', type)), '[]')
            FROM organizations WHERE code = ANY($4)) AS organizations`,
      [input.thematicAreaCode ?? null, input.gcmObjectiveCodes ?? [], input.countryCodes ?? [], allCodes],
    )) as { areas: number[]; objectives: number[]; countries: string[]; organizations: OrganizationRef[] }[];
    if (input.thematicAreaCode !== undefined && row.areas.length === 0)
      details.push({
        field: 'thematicAreaCode',
        message: `${input.thematicAreaCode} is not a thematic area`,
      });
    if (input.gcmObjectiveCodes?.length) {
      const known = new Set(row.objectives.map(Number));
      const unknown = input.gcmObjectiveCodes.filter((code) => !known.has(code));
      if (unknown.length)
        details.push({
          field: 'gcmObjectiveCodes',
          message: `unknown GCM objectives: ${unknown.join(', ')}`,
        });
    }
    if (input.countryCodes?.length) {
      const known = new Set(row.countries.map((code) => code.trim()));
      const unknown = input.countryCodes.filter((code) => !known.has(code));
      if (unknown.length)
        details.push({
          field: 'countryCodes',
          message: `unknown ISO 3166-1 alpha-3 codes: ${unknown.join(', ')}`,
        });
    }
    const found = new Map(row.organizations.map((o) => [o.code, o]));
    for (const [field, codes] of orgFields) {
      const unknown = [...new Set(codes.filter((code) => !found.has(code)))];
      if (unknown.length) details.push({ field, message: `unknown organizations: ${unknown.join(', ')}` });
    }
    const seen = new Set<string>();
    for (const [index, line] of (input.budgetLines ?? []).entries()) {
      const key = `${line.orgCode}/${line.categoryCode}`;
      if (seen.has(key))
        details.push({
          field: `budgetLines.${index}`,
          message: `duplicate line for ${line.orgCode} in category ${line.categoryCode}`,
        });
      seen.add(key);
    }
    if (input.governmentEndorsement?.date && !input.governmentEndorsement.endorsed)
      details.push({ field: 'governmentEndorsement.date', message: 'is only recorded with an endorsement' });
    if (details.length)
      throw new ValidationError(details.map((d) => `${d.field} ${d.message}`).join('; '), details);
    return found;
  }

  private async resolveOrganizations(
    input: Pick<ProposalInput, 'convenerCode' | 'participatingOrgCodes' | 'budgetLines'>,
    known?: Map<string, OrganizationRef>,
  ): Promise<ResolvedOrganizations> {
    const codes = [
      input.convenerCode,
      ...input.participatingOrgCodes,
      ...input.budgetLines.map((l) => l.orgCode),
    ];
    const found: Map<string, OrganizationRef> =
      known ?? (await this.organizations.findByCodes([...new Set(codes)]));
    const idOf = (code: string, field: string) => {
      const organization = found.get(code);
      if (!organization) throw ValidationError.field(field, `unknown organization: ${code}`);
      return organization.id;
    };
    const participants = [...new Set(input.participatingOrgCodes)].map((code) => ({
      id: idOf(code, 'participatingOrgCodes'),
      code,
    }));
    return {
      convenerId: idOf(input.convenerCode, 'convenerCode'),
      participants,
      idByCode: new Map([...found.values()].map((o) => [o.code, o.id])),
    };
  }

  private parseBudgetLines(lines: ProposalInput['budgetLines']): BudgetLineInput[] {
    return lines.map((line, index) => {
      try {
        return { orgCode: line.orgCode, categoryCode: line.categoryCode, amount: parseMoney(line.amount) };
      } catch {
        throw ValidationError.field(
          `budgetLines.${index}.amount`,
          'must be a decimal string with two decimals',
        );
      }
    });
  }

  /** The stored proposal with the patch applied, as a full input. */
  private mergedInput(record: ProposalRecord, patch: ProposalPatch): ProposalInput {
    const { proposal } = record;
    return {
      title: patch.title ?? proposal.title,
      summary: patch.summary ?? proposal.summary,
      stage: patch.stage ?? proposal.stage,
      scope: patch.scope ?? proposal.scope,
      countryCodes: patch.countryCodes ?? record.countryCodes,
      thematicAreaCode: patch.thematicAreaCode ?? proposal.thematicAreaCode,
      gcmObjectiveCodes: patch.gcmObjectiveCodes ?? record.gcmObjectiveCodes,
      convenerCode: patch.convenerCode ?? record.convenerCode,
      participatingOrgCodes: patch.participatingOrgCodes ?? record.participants.map((p) => p.code),
      durationMonths: patch.durationMonths ?? proposal.durationMonths,
      markers: { ...this.markersOf(proposal), ...(patch.markers ?? {}) },
      governmentEndorsement:
        patch.governmentEndorsement !== undefined
          ? patch.governmentEndorsement
          : proposal.governmentEndorsed === null
            ? null
            : { endorsed: proposal.governmentEndorsed, date: proposal.governmentEndorsementDate },
      budgetLines:
        patch.budgetLines ??
        record.budgetLines.map((l) => ({
          orgCode: l.orgCode,
          categoryCode: l.categoryCode,
          amount: formatMoney(l.amount),
        })),
      nationalPartners: patch.nationalPartners ?? record.nationalPartners,
    };
  }

  private markersOf(proposal: Proposal) {
    return {
      gender: proposal.markerGender,
      humanRights: proposal.markerHumanRights,
      childSensitivity: proposal.markerChildSensitivity,
    };
  }

  /**
   * A new proposal, its child rows and its first timeline entry in one statement (was an ORM save,
   * then a delete and an insert per list), returning the row as stored. The foreign keys of the
   * children are checked at the end of the statement, when the proposal row exists. The reference,
   * MIG-<year>-<NNNN>, comes from the year's sequence (migration ProposalReferenceSequences).
   */
  private async insertProposal(
    manager: EntityManager,
    id: string,
    input: ProposalInput,
    organizations: ResolvedOrganizations,
    lines: BudgetLineInput[],
    actorId: string,
    settings: FundSettings,
  ): Promise<Proposal> {
    const partners = input.nationalPartners ?? [];
    const endorsement = input.governmentEndorsement ?? null;
    const rows = (await manager.query(
      `WITH proposal AS (
         INSERT INTO proposals (id, reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
                duration_months, marker_gender, marker_human_rights, marker_child_sensitivity, government_endorsed,
                government_endorsement_date, status, version, indirect_rate, created_by)
         VALUES ($1, next_proposal_reference($12), $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $10, 0, $25, $11)
         RETURNING *
       ), countries AS (
         INSERT INTO proposal_countries (proposal_id, country_code) SELECT $1, unnest($2::text[])
       ), objectives AS (
         INSERT INTO proposal_objectives (proposal_id, gcm_objective_code) SELECT $1, unnest($3::smallint[])
       ), punos AS (
         INSERT INTO proposal_organizations (proposal_id, organization_id, position)
         SELECT $1, u.id, u.ord - 1 FROM unnest($4::uuid[]) WITH ORDINALITY AS u(id, ord)
       ), budget_lines AS (
         INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
         SELECT $1, u.org, u.category, u.amount FROM unnest($5::uuid[], $6::smallint[], $7::bigint[]) AS u(org, category, amount)
       ), partners AS (
         INSERT INTO proposal_partners (proposal_id, name, type, position)
         SELECT $1, u.name, u.type, u.ord - 1 FROM unnest($8::text[], $9::text[]) WITH ORDINALITY AS u(name, type, ord)
       ), timeline AS (
         -- Creation opens the timeline; later steps are written by ProposalStatusService.
         INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id) VALUES ($1, NULL, $10, $11)
       )
       SELECT ${entityColumns(manager, Proposal)} FROM proposal`,
      [
        id,
        [...new Set(input.countryCodes)],
        [...new Set(input.gcmObjectiveCodes)],
        organizations.participants.map((p) => p.id),
        lines.map((line) => organizations.idByCode.get(line.orgCode) as string),
        lines.map((line) => line.categoryCode),
        lines.map((line) => line.amount.toString()),
        partners.map((partner) => partner.name.trim()),
        partners.map((partner) => partner.type),
        ProposalStatus.DRAFT,
        actorId,
        this.clock.now().getUTCFullYear(),
        input.title.trim(),
        input.summary.trim(),
        input.stage,
        input.scope,
        input.thematicAreaCode,
        organizations.convenerId,
        input.durationMonths,
        input.markers.gender,
        input.markers.humanRights,
        input.markers.childSensitivity,
        endorsement ? endorsement.endorsed : null,
        endorsement?.date ?? null,
        settings.indirectRate,
      ],
    )) as Record<string, unknown>[];
    return hydrateEntities(manager, Proposal, rows)[0];
  }

  /** What `loadProposalRecord` would read back after `insertProposal`, in the same orders. */
  private recordOf(
    proposal: Proposal,
    input: ProposalInput,
    organizations: ResolvedOrganizations,
    lines: BudgetLineInput[],
  ): ProposalRecord {
    // Byte order, as the C collation of the queries' ORDER BY (codes are ASCII capitals/digits).
    const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const position = new Map(organizations.participants.map((p, index) => [p.code, index]));
    const positionOf = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
    return {
      proposal,
      convenerCode: input.convenerCode,
      participants: organizations.participants.map((p) => ({ id: p.id, code: p.code })),
      countryCodes: [...new Set(input.countryCodes)].sort(byCode),
      gcmObjectiveCodes: [...new Set(input.gcmObjectiveCodes)].sort((a, b) => a - b),
      budgetLines: [...lines].sort(
        (a, b) =>
          positionOf(a.orgCode) - positionOf(b.orgCode) ||
          byCode(a.orgCode, b.orgCode) ||
          a.categoryCode - b.categoryCode,
      ),
      nationalPartners: (input.nationalPartners ?? []).map((p) => ({ name: p.name.trim(), type: p.type })),
    };
  }

  /** Replaces the child rows; on update only the lists the patch names (and always PUNOs' positions). */
  private async writeParts(
    manager: EntityManager,
    proposalId: string,
    input: ProposalInput,
    organizations: ResolvedOrganizations,
    lines: BudgetLineInput[],
    patch?: ProposalPatch,
  ): Promise<void> {
    const replace = (key: keyof ProposalInput) => !patch || patch[key] !== undefined;
    if (replace('countryCodes')) {
      await manager.delete(ProposalCountry, { proposalId });
      const codes = [...new Set(input.countryCodes)];
      if (codes.length)
        await manager.insert(
          ProposalCountry,
          codes.map((countryCode) => ({ proposalId, countryCode })),
        );
    }
    if (replace('gcmObjectiveCodes')) {
      await manager.delete(ProposalObjective, { proposalId });
      const codes = [...new Set(input.gcmObjectiveCodes)];
      if (codes.length)
        await manager.insert(
          ProposalObjective,
          codes.map((gcmObjectiveCode) => ({ proposalId, gcmObjectiveCode })),
        );
    }
    if (replace('participatingOrgCodes')) {
      await manager.delete(ProposalOrganization, { proposalId });
      if (organizations.participants.length)
        await manager.insert(
          ProposalOrganization,
          organizations.participants.map((p, position) => ({ proposalId, organizationId: p.id, position })),
        );
    }
    if (replace('budgetLines')) {
      await manager.delete(ProposalBudgetLine, { proposalId });
      if (lines.length)
        await manager.insert(
          ProposalBudgetLine,
          lines.map((line) => ({
            proposalId,
            organizationId: organizations.idByCode.get(line.orgCode) as string,
            categoryCode: line.categoryCode,
            amount: line.amount,
          })),
        );
    }
    if (replace('nationalPartners')) {
      await manager.delete(ProposalPartner, { proposalId });
      const partners = input.nationalPartners ?? [];
      if (partners.length)
        await manager.insert(
          ProposalPartner,
          partners.map((partner, position) => ({
            proposalId,
            name: partner.name.trim(),
            type: partner.type,
            position,
          })),
        );
    }
  }
}

function participationOf(record: ProposalRecord): Participation {
  return { convenerCode: record.convenerCode, participatingOrgCodes: record.participants.map((p) => p.code) };
}

/** 403 naming each field and rule when the edit (or creation: `before` null) changes who takes part as it may not. */
function assertParticipation(user: AuthUser, before: Participation | null, after: Participation): void {
  const problems = participationViolations(user.organizationCode, before, after);
  if (problems.length)
    throw new ForbiddenError(
      problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
      problems,
    );
}
