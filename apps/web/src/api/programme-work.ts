/**
 * Types of the programme work after approval (reporting calendar, progress reports, revisions),
 * written from the API (libs/programmes) where its routes do not declare response schemas.
 */
export type ObligationStatus = 'DUE' | 'OVERDUE' | 'SUBMITTED' | 'ACCEPTED';
export type ObligationKind = 'ANNUAL_NARRATIVE' | 'ANNUAL_FINANCIAL' | 'FINAL_NARRATIVE' | 'FINAL_FINANCIAL';

export interface Obligation {
  id: string;
  programmeId: string;
  reference: string;
  title: string;
  kind: ObligationKind;
  year: number | null;
  orgCode: string | null;
  convenerCode: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ObligationStatus;
  daysOverdue: number | null;
  submittedOn: string | null;
  lateByDays: number | null;
  progressReportId: string | null;
}

export type ObligationCounts = Record<ObligationStatus, number>;

export const KIND_LABEL: Record<ObligationKind, string> = {
  ANNUAL_NARRATIVE: 'Annual narrative report',
  ANNUAL_FINANCIAL: 'Annual financial report',
  FINAL_NARRATIVE: 'Final narrative report',
  FINAL_FINANCIAL: 'Final financial report',
};

export const OBLIGATION_COLOR: Record<ObligationStatus, string> = {
  DUE: 'blue',
  OVERDUE: 'red',
  SUBMITTED: 'yellow',
  ACCEPTED: 'teal',
};

export interface Section {
  resultKey: string;
  orgCode: string;
  progress: string;
  challenges: string;
  adjustments: string;
  genderHumanRights: string;
  story: string;
  updatedAt: string;
}

export interface ProgressReport {
  id: string;
  programmeId: string;
  reference: string;
  title: string;
  obligationId: string;
  kind: ObligationKind;
  year: number | null;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
  version: number;
  firstSubmittedOn: string | null;
  acceptedOn: string | null;
  convenerCode: string;
  outcomes: { key: string; title: string }[];
  versionInForce: number;
  sections: Section[];
  actuals: {
    id: string;
    indicatorKey: string;
    indicatorTitle: string;
    periodStart: string;
    periodEnd: string;
    value: string | null;
    status: string;
  }[];
  versions: {
    version: number;
    submittedBy: { name: string };
    submittedAt: string;
    outcome: 'ACCEPTED' | 'RETURNED' | null;
    reviewComment: string | null;
    reviewedBy: { name: string } | null;
    reviewedAt: string | null;
  }[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type RevisionKind = 'NO_COST_EXTENSION' | 'BUDGET_REVISION' | 'COST_EXTENSION';

export const REVISION_LABEL: Record<RevisionKind, string> = {
  NO_COST_EXTENSION: 'No-cost extension',
  BUDGET_REVISION: 'Budget revision',
  COST_EXTENSION: 'Cost extension',
};

export interface Revision {
  id: string;
  programmeId: string;
  reference: string;
  number: number;
  kind: RevisionKind;
  status: 'SUBMITTED' | 'APPROVED' | 'REJECTED';
  route: 'FUND_UNIT' | 'COMMITTEE';
  routeReasons: { rule: string; message: string }[];
  justification: string;
  requestedBy: { name: string };
  requestedAt: string;
  meetingId: string | null;
  decidedBy: { name: string } | null;
  decidedAs: string | null;
  decidedOn: string | null;
  decisionComment: string | null;
  beforeVersion: {
    endDate: string;
    budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
  };
  changes: FieldChange[];
}

export interface VersionEntry {
  version: number;
  kind: RevisionKind | null;
  inForceFrom: string | null;
  content: { endDate: string };
  changes: FieldChange[];
}

export function describeChange(change: FieldChange): string {
  const show = (value: unknown) => (value === null || value === undefined ? '—' : String(value));
  return `${change.field}: ${show(change.from)} → ${show(change.to)}`;
}
