import { expectedObligations, ObligationKind } from './obligation-schedule';

const SETTINGS = {
  narrativeReportDeadline: '03-31',
  expenditureDeadline: '04-30',
  finalNarrativeMonths: 3,
  finalFinancialMonths: 6,
};

describe('expectedObligations', () => {
  const programme = {
    startDate: '2026-03-15',
    endDate: '2028-03-14',
    closedOn: null,
    punoIds: ['iom', 'unicef'],
  };

  it('asks an annual narrative for each full year, annual financials per PUNO for every year, then the finals', () => {
    const due = expectedObligations(programme, SETTINGS).map(
      (o) =>
        `${o.kind}/${o.year ?? '-'}/${o.organizationId ?? '-'}/${o.periodStart}..${o.periodEnd}/${o.dueDate}`,
    );
    expect(due).toEqual([
      'ANNUAL_NARRATIVE/2026/-/2026-03-15..2026-12-31/2027-03-31',
      'ANNUAL_FINANCIAL/2026/iom/2026-03-15..2026-12-31/2027-04-30',
      'ANNUAL_FINANCIAL/2026/unicef/2026-03-15..2026-12-31/2027-04-30',
      'ANNUAL_NARRATIVE/2027/-/2027-01-01..2027-12-31/2028-03-31',
      'ANNUAL_FINANCIAL/2027/iom/2027-01-01..2027-12-31/2028-04-30',
      'ANNUAL_FINANCIAL/2027/unicef/2027-01-01..2027-12-31/2028-04-30',
      'ANNUAL_FINANCIAL/2028/iom/2028-01-01..2028-03-14/2029-04-30',
      'ANNUAL_FINANCIAL/2028/unicef/2028-01-01..2028-03-14/2029-04-30',
      'FINAL_NARRATIVE/-/-/2026-03-15..2028-03-14/2028-06-14',
      'FINAL_FINANCIAL/-/iom/2026-03-15..2028-03-14/2028-09-14',
      'FINAL_FINANCIAL/-/unicef/2026-03-15..2028-03-14/2028-09-14',
    ]);
  });

  it('dates the final reports from the operational closure, and drops the years after it', () => {
    const closed = expectedObligations({ ...programme, closedOn: '2027-06-30' }, SETTINGS);
    expect(closed.filter((o) => o.year === 2028)).toEqual([]);
    expect(closed.filter((o) => o.kind === ObligationKind.ANNUAL_NARRATIVE).map((o) => o.year)).toEqual([
      2026,
    ]);
    expect(closed.find((o) => o.kind === ObligationKind.FINAL_NARRATIVE)?.dueDate).toBe('2027-09-30');
    expect(closed.find((o) => o.kind === ObligationKind.FINAL_FINANCIAL)?.dueDate).toBe('2027-12-30');
  });

  it('follows the settings (a narrative deadline of 15 February, finals after 1 and 2 months)', () => {
    const custom = expectedObligations(programme, {
      ...SETTINGS,
      narrativeReportDeadline: '02-15',
      finalNarrativeMonths: 1,
      finalFinancialMonths: 2,
    });
    expect(custom[0].dueDate).toBe('2027-02-15');
    expect(custom.find((o) => o.kind === ObligationKind.FINAL_NARRATIVE)?.dueDate).toBe('2028-04-14');
    expect(custom.find((o) => o.kind === ObligationKind.FINAL_FINANCIAL)?.dueDate).toBe('2028-05-14');
  });
});
