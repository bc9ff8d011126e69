import { addMonths } from '@mptf/results';

/** What a programme owes the fund, and when (MPTF Office calendar; each date a fund setting). */
export enum ObligationKind {
  ANNUAL_NARRATIVE = 'ANNUAL_NARRATIVE',
  ANNUAL_FINANCIAL = 'ANNUAL_FINANCIAL',
  FINAL_NARRATIVE = 'FINAL_NARRATIVE',
  FINAL_FINANCIAL = 'FINAL_FINANCIAL',
}

export const NARRATIVE_KINDS: readonly ObligationKind[] = [
  ObligationKind.ANNUAL_NARRATIVE,
  ObligationKind.FINAL_NARRATIVE,
];

export enum ObligationStatus {
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
}

export interface CalendarSettings {
  /** MM-DD of the next year. */
  narrativeReportDeadline: string;
  /** MM-DD of the next year. */
  expenditureDeadline: string;
  finalNarrativeMonths: number;
  finalFinancialMonths: number;
}

export interface ProgrammeTimeline {
  startDate: string;
  /** The end date in force (the approved proposal's, or the last approved extension's). */
  endDate: string;
  /** The operational closure, when it happened: it replaces the end date. */
  closedOn: string | null;
  /** Organization ids of the PUNOs (financial reports are per PUNO). */
  punoIds: readonly string[];
}

export interface ExpectedObligation {
  kind: ObligationKind;
  year: number | null;
  organizationId: string | null;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

/**
 * The obligations a programme has (MPTF Office practice):
 * - an annual narrative progress report for each calendar year that ends while the programme is
 *   operational (the final report covers the last, partial year), due on `narrativeReportDeadline`
 *   of the next year;
 * - an annual financial (expenditure) report per PUNO for every year it is operational, the last
 *   included, due on `expenditureDeadline` of the next year;
 * - a final narrative report and a final financial report per PUNO, due `finalNarrativeMonths` and
 *   `finalFinancialMonths` after the operational closure (until it happens, after the end date in force).
 */
export function expectedObligations(
  programme: ProgrammeTimeline,
  settings: CalendarSettings,
): ExpectedObligation[] {
  const operationalEnd =
    programme.closedOn && programme.closedOn < programme.endDate ? programme.closedOn : programme.endDate;
  const end = programme.closedOn ?? operationalEnd;
  const firstYear = Number(programme.startDate.slice(0, 4));
  const lastYear = Number(end.slice(0, 4));
  const obligations: ExpectedObligation[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const periodStart = year === firstYear ? programme.startDate : `${year}-01-01`;
    const yearEnd = `${year}-12-31`;
    const periodEnd = end < yearEnd ? end : yearEnd;
    if (end > yearEnd)
      obligations.push({
        kind: ObligationKind.ANNUAL_NARRATIVE,
        year,
        organizationId: null,
        periodStart,
        periodEnd,
        dueDate: `${year + 1}-${settings.narrativeReportDeadline}`,
      });
    for (const organizationId of programme.punoIds)
      obligations.push({
        kind: ObligationKind.ANNUAL_FINANCIAL,
        year,
        organizationId,
        periodStart,
        periodEnd,
        dueDate: `${year + 1}-${settings.expenditureDeadline}`,
      });
  }
  obligations.push({
    kind: ObligationKind.FINAL_NARRATIVE,
    year: null,
    organizationId: null,
    periodStart: programme.startDate,
    periodEnd: end,
    dueDate: addMonths(end, settings.finalNarrativeMonths),
  });
  for (const organizationId of programme.punoIds)
    obligations.push({
      kind: ObligationKind.FINAL_FINANCIAL,
      year: null,
      organizationId,
      periodStart: programme.startDate,
      periodEnd: end,
      dueDate: addMonths(end, settings.finalFinancialMonths),
    });
  return obligations;
}
