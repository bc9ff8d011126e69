import { Cents, formatMoney } from '@mptf/platform';

/** How factsheets word a programme's attributes. */

export const money = (cents: Cents): string => formatMoney(cents);

export const MARKER_SCALE = ['0 – none', '1 – limited', '2 – significant', '3 – principal'];

const STATUS_LABELS: Record<string, string> = {
  APPROVED: 'Approved',
  ACTIVE: 'Active',
  OPERATIONALLY_CLOSED: 'Operationally closed',
  FINANCIALLY_CLOSED: 'Financially closed',
};

export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

/** "0.07" → "7 %", "0.075" → "7.5 %" (a label, not a figure). */
export const percentOf = (share: string) => `${Number((Number(share) * 100).toFixed(2))} %`;

/** A marker's score on its scale ("2 – significant"). */
export const markerLabel = (score: number) => MARKER_SCALE[score] ?? String(score);
