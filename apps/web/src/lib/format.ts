import { daysBetween, formatDate, isoDate } from '@mptf/common';
import type { ProposalStatus } from '../api/models';

/** Dates read one way everywhere ("3 Dec 2026"): the helpers live in @mptf/common, shared with the server. */
export { DATE_FORMAT, formatDate, formatDateTime } from '@mptf/common';

/** A date as one word (no-break spaces): "31 Dec 2024" is never split over two lines of running text. */
export const formatDateWhole = (date: string | null | undefined): string =>
  formatDate(date).replace(/ /g, '\u00a0');

/** Today's UTC calendar date (YYYY-MM-DD). */
export const today = (): string => isoDate();

/** Whole days from today to `date` (negative when past). */
export const daysUntil = (date: string): number => daysBetween(today(), date);

export const STATUS_LABEL: Record<ProposalStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  UNDER_REVIEW: 'Under review',
  RETURNED: 'Returned',
  INELIGIBLE: 'Ineligible',
  REVISION_REQUESTED: 'Revision requested',
  APPROVED: 'Approved',
  PIPELINE: 'Pipeline',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
  ACTIVE: 'Active',
  OPERATIONALLY_CLOSED: 'Operationally closed',
  FINANCIALLY_CLOSED: 'Financially closed',
};

/** Badge colours chosen with enough contrast for their light variant text. */
export const STATUS_COLOR: Record<ProposalStatus, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  UNDER_REVIEW: 'indigo',
  RETURNED: 'orange',
  INELIGIBLE: 'red',
  REVISION_REQUESTED: 'orange',
  APPROVED: 'teal',
  PIPELINE: 'grape',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
  ACTIVE: 'green',
  OPERATIONALLY_CLOSED: 'cyan',
  FINANCIALLY_CLOSED: 'dark',
};

export const EDITABLE_STATUSES: ProposalStatus[] = ['DRAFT', 'RETURNED', 'REVISION_REQUESTED'];

export const STAGE_LABEL = { CONCEPT_NOTE: 'Concept note', FULL_PROPOSAL: 'Full proposal' } as const;
export const SCOPE_LABEL = {
  NATIONAL: 'National',
  REGIONAL: 'Multi-country / regional',
  GLOBAL: 'Global',
} as const;

export const MARKER_SCALE = [
  { value: '0', label: '0 — none' },
  { value: '1', label: '1 — limited' },
  { value: '2', label: '2 — significant' },
  { value: '3', label: '3 — principal' },
];

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
