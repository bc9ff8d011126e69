import type { FieldChange, ObligationKind, ObligationStatus, RevisionKind } from '../../api/models';

/** How the screens name and colour the programme work's kinds and statuses. */
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

export const REVISION_LABEL: Record<RevisionKind, string> = {
  NO_COST_EXTENSION: 'No-cost extension',
  BUDGET_REVISION: 'Budget revision',
  COST_EXTENSION: 'Cost extension',
};

export function describeChange(change: FieldChange): string {
  const show = (value: unknown) => (value === null || value === undefined ? '—' : String(value));
  return `${change.field}: ${show(change.from)} → ${show(change.to)}`;
}
