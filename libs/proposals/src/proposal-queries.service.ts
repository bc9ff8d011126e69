import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { ForbiddenError, formatMoney, NotFoundError, Page, pageOf } from '@mptf/platform';
import { FundSettings, ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { Budget, computeBudget } from './budget';
import { checkEligibility, DOCUMENT_KIND_LABELS, EligibilityViolation } from './eligibility';
import { ProposalStatus } from './lifecycle';
import { accessFactsOf, canEditProposal, canViewProposal, ProposalAccessFacts } from './proposals-access';
import {
  effectiveRate,
  endorsementOf,
  markersOf,
  ProposalDetailView,
  ProposalRecord,
  ProposalSnapshot,
  ProposalView,
  toDocumentView,
  toProposalView,
} from './proposal.view';
import { ProposalRepository } from './repositories/proposal.repository';
import { ProposalRevisionRepository } from './repositories/proposal-revision.repository';
import { ProposalQuery, ProposalSearchRepository } from './repositories/proposal-search.repository';
import { ProposalStatusRepository } from './repositories/proposal-status.repository';
import { diffSnapshots, FieldChange } from './revision-diff';

/** A page of proposals with the totals of the whole filtered list (every page). */
export interface ProposalPage extends Page<ProposalView> {
  totals: {
    /** The sum of the proposals' total budgets (direct + indirect), a decimal string. */
    totalBudget: string;
  };
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
  /** The documents the fund requires, each with whether one is attached (the checklist's items). */
  requiredDocuments: { kind: string; label: string; attached: boolean }[];
}

/**
 * Reading proposals: the views, revisions, timeline and eligibility checklist as each user may see
 * them, and for other modules the access checks, views and budgets they build on.
 */
@Injectable()
export class ProposalQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ProposalRepository,
    private readonly search: ProposalSearchRepository,
    private readonly revisionRows: ProposalRevisionRepository,
    private readonly statusRows: ProposalStatusRepository,
    private readonly reference: ReferenceService,
  ) {}

  async get(user: AuthUser, proposalId: string): Promise<ProposalDetailView> {
    const manager = this.dataSource.manager;
    // The access check takes its facts from the record the view needs anyway.
    const record = await this.requireRecord(manager, proposalId);
    if (!canViewProposal(user, accessFactsOf(record))) throw hidden();
    const settings = await this.reference.fundSettings(manager);
    const [revisions, documents] = await Promise.all([
      this.revisionRows.versions(manager, proposalId),
      this.revisionRows.documents(manager, proposalId),
    ]);
    return {
      ...toProposalView(record, settings.indirectRate),
      revisions: revisions.map((r) => ({ version: r.version, submittedAt: r.submittedAt.toISOString() })),
      documents: documents.map(toDocumentView),
    };
  }

  /** A page of the proposals the user may see; through `manager` when given (an export's snapshot). */
  async list(user: AuthUser, query: ProposalQuery, manager?: EntityManager): Promise<ProposalPage> {
    const db = manager ?? this.dataSource.manager;
    const { ids, total, budgetTotal } = await this.search.search(db, user, query);
    const totals = { totalBudget: formatMoney(budgetTotal) };
    if (ids.length === 0) return { ...pageOf([], total, query), totals };
    const settings = await this.reference.fundSettings();
    const records = await this.repository.records(db, ids);
    return {
      ...pageOf(
        records.map((record) => toProposalView(record, settings.indirectRate)),
        total,
        query,
      ),
      totals,
    };
  }

  async revisions(user: AuthUser, proposalId: string): Promise<RevisionSummary[]> {
    await this.assertVisible(user, proposalId);
    const rows = await this.revisionRows.summaries(this.dataSource, proposalId);
    return rows.map((r) => ({
      version: r.version,
      submittedAt: r.submittedAt.toISOString(),
      submittedBy: { id: r.submittedBy, name: r.authorName },
    }));
  }

  async revision(user: AuthUser, proposalId: string, version: number): Promise<RevisionView> {
    await this.assertVisible(user, proposalId);
    const revision = await this.revisionRows.one(this.dataSource, proposalId, version);
    if (!revision) throw new NotFoundError(`Revision ${version} of proposal`, proposalId);
    return {
      ...revision.snapshot,
      proposalId,
      version: revision.version,
      submittedAt: revision.submittedAt.toISOString(),
      submittedBy: { id: revision.submittedBy, name: revision.authorName },
      snapshot: revision.snapshot,
    };
  }

  /** Field-by-field changes from revision `from` to revision `to`. */
  async diff(user: AuthUser, proposalId: string, from: number, to: number): Promise<RevisionDiff> {
    await this.assertVisible(user, proposalId);
    const revisions = await this.revisionRows.snapshots(this.dataSource.manager, proposalId, [from, to]);
    const left = revisions.find((r) => r.version === from);
    const right = revisions.find((r) => r.version === to);
    if (!left) throw new NotFoundError(`Revision ${from} of proposal`, proposalId);
    if (!right) throw new NotFoundError(`Revision ${to} of proposal`, proposalId);
    return { proposalId, from, to, changes: diffSnapshots(left.snapshot, right.snapshot) };
  }

  /** The status history, oldest first. */
  async timeline(user: AuthUser, proposalId: string): Promise<TimelineEntry[]> {
    await this.assertVisible(user, proposalId);
    const rows = await this.statusRows.timeline(this.dataSource, proposalId);
    return rows.map((r) => ({
      fromStatus: r.fromStatus,
      toStatus: r.toStatus,
      occurredAt: r.occurredAt.toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '', email: r.actorEmail ?? '' } : null,
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
    const attached = new Set(await this.repository.documentKinds(manager, proposalId));
    const requiredDocuments = settings.requiredDocuments.map((kind) => ({
      kind,
      label: DOCUMENT_KIND_LABELS[kind] ?? kind,
      attached: attached.has(kind),
    }));
    return { eligible: violations.length === 0, violations, requiredDocuments };
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
    const facts = await this.repository.accessFacts(manager, proposalId);
    return !!facts && canViewProposal(user, facts);
  }

  /** 404 when the proposal does not exist, 403 when the user may not see it; else its access facts. */
  async assertVisible(
    user: AuthUser,
    proposalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProposalAccessFacts> {
    const facts = await this.requireFacts(manager, proposalId);
    if (!canViewProposal(user, facts)) throw hidden();
    return facts;
  }

  /** 404, 403, or the facts of a proposal the user may edit (the caller checks the state). */
  async assertEditable(
    user: AuthUser,
    proposalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProposalAccessFacts> {
    const facts = await this.requireFacts(manager, proposalId);
    assertCanEdit(user, facts);
    return facts;
  }

  /** The record, or 404. */
  async requireRecord(
    manager: EntityManager,
    proposalId: string,
    options: { lock?: boolean } = {},
  ): Promise<ProposalRecord> {
    const record = options.lock
      ? await this.repository.lockedRecord(manager, proposalId)
      : await this.repository.record(manager, proposalId);
    if (!record) throw new NotFoundError('Proposal', proposalId);
    return record;
  }

  /** Every eligibility rule the record breaks at the fund's `settings`. */
  async eligibilityOf(
    manager: EntityManager,
    record: ProposalRecord,
    settings: FundSettings,
    /** The kinds of the attached documents, when the caller has read them already. */
    documentKinds?: readonly string[],
    /** The area's objectives and the UN entities among `eligibilityOrgCodes(record)`, when read already. */
    known?: { areaObjectiveCodes: number[]; unEntityCodes: Set<string> },
  ): Promise<EligibilityViolation[]> {
    const { proposal } = record;
    const participatingOrgCodes = record.participants.map((p) => p.code);
    const facts =
      known ??
      (await this.repository.eligibilityFacts(
        manager,
        proposal.thematicAreaCode,
        eligibilityOrgCodes(record),
      ));
    return checkEligibility(
      {
        scope: proposal.scope,
        countryCodes: record.countryCodes,
        thematicAreaCode: proposal.thematicAreaCode,
        gcmObjectiveCodes: record.gcmObjectiveCodes,
        convenerCode: record.convenerCode,
        participatingOrgCodes,
        durationMonths: proposal.durationMonths,
        markers: markersOf(proposal),
        governmentEndorsement: endorsementOf(proposal),
        budgetLines: record.budgetLines,
        documentKinds: documentKinds ?? (await this.repository.documentKinds(manager, proposal.id)),
      },
      { settings, ...facts },
    );
  }

  private async requireFacts(manager: EntityManager, proposalId: string): Promise<ProposalAccessFacts> {
    const facts = await this.repository.accessFacts(manager, proposalId);
    if (!facts) throw new NotFoundError('Proposal', proposalId);
    return facts;
  }
}

/** The organizations whose type the eligibility rules check: the convener and the PUNOs, once each. */
export function eligibilityOrgCodes(record: ProposalRecord): string[] {
  return [...new Set([record.convenerCode, ...record.participants.map((p) => p.code)])];
}

function hidden(): ForbiddenError {
  return new ForbiddenError('You are not allowed to see this proposal');
}

/** 403 unless the user may see and edit the proposal (the lifecycle decides when, elsewhere). */
export function assertCanEdit(user: AuthUser, facts: ProposalAccessFacts): void {
  if (!canViewProposal(user, facts)) throw hidden();
  if (!canEditProposal(user, facts))
    throw new ForbiddenError("Only focal points of the proposal's participating organizations can change it");
}
