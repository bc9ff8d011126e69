import type { FieldChange, ObligationKind, ObligationStatus, RevisionKind } from '../../api/models';
import { formatDate } from '../../lib/format';

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

/** The programme version in force, in words: version 0 is the approved proposal, not "version 0". */
export function versionInForceWords(version: number): string {
  return version === 0 ? 'the approved proposal' : `version ${version}`;
}

/** The fields of a version a user reads by name (the others keep their path). */
const FIELD_LABEL: Record<string, string> = { endDate: 'End date' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One change of a revision or version, its dates as every screen shows them ("30 Jun 2026"). */
export function describeChange(change: FieldChange): string {
  const show = (value: unknown) => {
    if (value === null || value === undefined) return '—';
    // A date is one word to the line breaker ("31 Aug 2027" never split over two lines).
    return typeof value === 'string' && ISO_DATE.test(value)
      ? formatDate(value).replace(/ /g, '\u00a0')
      : String(value);
  };
  return `${FIELD_LABEL[change.field] ?? change.field}: ${show(change.from)} → ${show(change.to)}`;
}
