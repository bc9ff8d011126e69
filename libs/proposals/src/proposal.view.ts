import { formatMoney } from '@mptf/platform';
import { BudgetLineInput, BudgetView, computeBudget, formatBudget } from './budget';
import { DocumentKind, ProposalDocument } from './entities/proposal-document.entity';
import { PartnerType } from './entities/proposal-parts.entity';
import { Proposal, ProposalScope, ProposalStage } from './entities/proposal.entity';
import { isEditable, ProposalStatus } from './lifecycle';

/** A proposal with everything intake needs, loaded from its tables in a few batched queries. */
export interface ProposalRecord {
  proposal: Proposal;
  convenerCode: string;
  /** PUNOs in the proposal's order. */
  participants: { id: string; code: string }[];
  countryCodes: string[];
  gcmObjectiveCodes: number[];
  budgetLines: BudgetLineInput[];
  nationalPartners: { name: string; type: PartnerType }[];
}

export interface MarkersView {
  gender: number;
  humanRights: number;
  childSensitivity: number;
}

/** What the API returns for a proposal (money as decimal strings, dates YYYY-MM-DD). */
export interface ProposalView {
  id: string;
  reference: string;
  title: string;
  summary: string;
  stage: ProposalStage;
  scope: ProposalScope;
  status: ProposalStatus;
  /** Latest submitted revision; 0 while never submitted. */
  version: number;
  countryCodes: string[];
  thematicAreaCode: number;
  gcmObjectiveCodes: number[];
  convenerCode: string;
  participatingOrgCodes: string[];
  durationMonths: number;
  markers: MarkersView;
  governmentEndorsement: { endorsed: boolean; date: string | null } | null;
  nationalPartners: { name: string; type: PartnerType }[];
  budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
  indirectRate: string;
  budget: BudgetView;
  reviewDueDate: string | null;
  startDate: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

export interface ProposalDetailView extends ProposalView {
  revisions: { version: number; submittedAt: string }[];
  documents: DocumentView[];
}

/** The immutable content of a revision: the proposal as submitted, without its mutable state. */
export type ProposalSnapshot = Omit<
  ProposalView,
  'id' | 'status' | 'version' | 'reviewDueDate' | 'startDate' | 'submittedAt' | 'createdAt' | 'updatedAt'
> & { documents: { id: string; kind: DocumentKind; filename: string; sha256: string }[] };

/** Trims "0.0700" to "0.07". */
export function displayRate(rate: string): string {
  if (!rate.includes('.')) return rate;
  const [whole, fraction] = rate.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}

/** While the agency edits, the budget follows the fund's current rate; once submitted it is frozen. */
export function effectiveRate(proposal: Proposal, currentRate: string): string {
  return isEditable(proposal.status) ? currentRate : proposal.indirectRate;
}

export function markersOf(proposal: Proposal): MarkersView {
  return {
    gender: proposal.markerGender,
    humanRights: proposal.markerHumanRights,
    childSensitivity: proposal.markerChildSensitivity,
  };
}

export function endorsementOf(proposal: Proposal): { endorsed: boolean; date: string | null } | null {
  return proposal.governmentEndorsed === null
    ? null
    : { endorsed: proposal.governmentEndorsed, date: proposal.governmentEndorsementDate };
}

export function toProposalView(record: ProposalRecord, currentRate: string): ProposalView {
  const { proposal } = record;
  const rate = displayRate(effectiveRate(proposal, currentRate));
  const participatingOrgCodes = record.participants.map((p) => p.code);
  return {
    id: proposal.id,
    reference: proposal.reference,
    title: proposal.title,
    summary: proposal.summary,
    stage: proposal.stage,
    scope: proposal.scope,
    status: proposal.status,
    version: proposal.version,
    countryCodes: record.countryCodes,
    thematicAreaCode: proposal.thematicAreaCode,
    gcmObjectiveCodes: record.gcmObjectiveCodes,
    convenerCode: record.convenerCode,
    participatingOrgCodes,
    durationMonths: proposal.durationMonths,
    markers: markersOf(proposal),
    governmentEndorsement: endorsementOf(proposal),
    nationalPartners: record.nationalPartners,
    budgetLines: record.budgetLines.map((line) => ({
      orgCode: line.orgCode,
      categoryCode: line.categoryCode,
      amount: formatMoney(line.amount),
    })),
    indirectRate: rate,
    budget: formatBudget(computeBudget(record.budgetLines, rate, participatingOrgCodes)),
    reviewDueDate: proposal.reviewDueDate,
    startDate: proposal.startDate,
    submittedAt: proposal.submittedAt?.toISOString() ?? null,
    createdAt: proposal.createdAt.toISOString(),
    updatedAt: proposal.updatedAt.toISOString(),
  };
}

export function toDocumentView(document: ProposalDocument): DocumentView {
  return {
    id: document.id,
    kind: document.kind,
    filename: document.filename,
    contentType: document.contentType,
    bytes: document.bytes,
    sha256: document.sha256,
    uploadedAt: document.uploadedAt.toISOString(),
    uploadedBy: document.uploadedBy,
  };
}

export function toSnapshot(view: ProposalView, documents: ProposalDocument[]): ProposalSnapshot {
  /* eslint-disable @typescript-eslint/no-unused-vars */
  const { id, status, version, reviewDueDate, startDate, submittedAt, createdAt, updatedAt, ...content } =
    view;
  /* eslint-enable @typescript-eslint/no-unused-vars */
  return {
    ...content,
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, filename: d.filename, sha256: d.sha256 })),
  };
}
