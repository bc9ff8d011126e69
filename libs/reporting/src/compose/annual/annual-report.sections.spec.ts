import {
  formatFundStatus,
  fundStatusFrom,
  LedgerKind,
  PortfolioMoneyGroup,
  PunoProgrammeMoney,
} from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { TableBlock } from '../../document/report-document';
import { buildSections } from '../report-composer';
import { ANNUAL_REPORT_SECTIONS } from './annual-report.composer';
import { AnnualReportData } from './annual-report.data';
import { allocationsSection, participatingOrganizationsSection } from './annual-portfolio.sections';
import { executiveSummarySection, sourcesAndUsesSection } from './annual-report.sections';

const status = (cents: Partial<Record<LedgerKind, bigint>>) => formatFundStatus(fundStatusFrom(cents));

const area = (key: number, expenditure: string): PortfolioMoneyGroup => ({
  key,
  label: `Area ${key}`,
  programmes: 1,
  allocated: '1000.00',
  transferred: '800.00',
  refunded: '0.00',
  netFunded: '2000.00',
  expenditure,
  deliveryRate: '0.5000',
});

const puno = (
  orgCode: string,
  transferred: string,
  refunded: string,
  expenditure: string,
): PunoProgrammeMoney => ({
  programmeId: 'p1',
  orgCode,
  orgName: orgCode,
  allocated: transferred,
  transferred,
  refunded,
  netFunded: (Number(transferred) - Number(refunded)).toFixed(2),
  expenditure,
  deliveryRate: null,
});

/** The annual report's data without a database: the section builders need nothing else. */
function data(year?: number): AnnualReportData {
  const prior = {
    [LedgerKind.DEPOSIT]: 1_000_000n,
    [LedgerKind.AA_FEE]: 10_000n,
    [LedgerKind.TRANSFER]: 500_000n,
    [LedgerKind.REFUND]: 100_000n,
    [LedgerKind.EXPENDITURE]: 300_000n,
  };
  const current = {
    [LedgerKind.DEPOSIT]: 200_000n,
    [LedgerKind.AA_FEE]: 2_000n,
    [LedgerKind.TRANSFER]: 50_000n,
  };
  const total = Object.fromEntries(
    Object.values(LedgerKind).map((kind) => [
      kind,
      (prior[kind as keyof typeof prior] ?? 0n) + (current[kind as keyof typeof current] ?? 0n),
    ]),
  );
  return {
    year,
    cutYear: 2025,
    currentYear: false,
    snapshotAt: '2026-05-02T10:11:12.000Z',
    settings: {
      expenditureDeadline: '04-30',
      aaFeeRate: '0.01',
      indirectRate: '0.07',
    } as AnnualReportData['settings'],
    columns: { prior: status(prior), current: status(current), total: status(total) },
    pledges: { donors: [], rates: [] },
    contributions: [],
    earmarks: [],
    thematicAreas: [],
    byArea: [area(1, '1000.00'), area(2, '2000.00')],
    byOrganization: [],
    byRegion: [],
    byStatus: [],
    punoMoney: [puno('UNDESA', '1000.00', '1000.00', '0.00'), puno('IOM', '4000.00', '0.00', '1000.00')],
    punoMoneyPrior: [],
    agencyInterest: [],
    programmes: [],
    closures: [],
    pipeline: [],
    proposalCounts: [],
    categories: [],
    resultsByArea: [],
    resultsByObjective: [],
    resultsByIndicator: [],
    resultsAllPeriods: [],
  };
}

const tables = (blocks: { kind: string }[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');

describe('annual report sections, from data alone', () => {
  it('leads with the executive summary and ends with the expenditure annex', () => {
    const headings = buildSections(data(2025), ANNUAL_REPORT_SECTIONS).map((s) => s.heading);
    expect(headings[0]).toBe('Executive summary');
    expect(headings).toEqual(
      expect.arrayContaining([
        'Cost recovery',
        'Earmarked contributions',
        'Unfunded pipeline',
        'Participating UN organizations',
      ]),
    );
    expect(headings[headings.length - 1]).toBe('Annex: expenditure by programme');
  });

  it('shows prior years, the year and the total, each with opening + net change = closing', () => {
    const [aa, punos] = tables(sourcesAndUsesSection(data(2025)).blocks);
    expect(aa.columns.map((c) => c.label)).toEqual([
      'US$',
      'Prior years (to 31 Dec 2024)',
      'Current year 2025',
      'Total (to 31 Dec 2025)',
    ]);
    for (const table of [aa, punos]) {
      const change = table.rows.find((r) => String(r.item).startsWith('Net change'))!;
      const opening = table.rows.find((r) => r.item === 'Opening balance')!;
      for (const column of ['prior', 'current', 'total'])
        expect(parseMoney(String(opening[column])) + parseMoney(String(change[column]))).toBe(
          parseMoney(String(table.totals![column])),
        );
    }
    // The year opens at the prior years' close: 10,000.00 − 4,000.00 − 100.00 = 5,900.00 with the AA.
    expect(aa.rows.find((r) => r.item === 'Opening balance')).toMatchObject({
      prior: '0.00',
      current: '5900.00',
    });
  });

  it('states delivery on the net funded amount, n/a after a full refund', () => {
    const [table] = tables(participatingOrganizationsSection(data(2025)).blocks);
    expect(table.rows.find((r) => String(r.organization).includes('UNDESA'))).toMatchObject({
      netFunded: '0.00',
      deliveryRate: 'n/a',
    });
    expect(table.totals).toMatchObject({
      netFunded: '4000.00',
      expenditure: '1000.00',
      deliveryRate: '0.2500',
    });
    const [byArea] = tables(allocationsSection(data(2025)).blocks);
    expect(byArea.totals).toMatchObject({
      netFunded: '4000.00',
      expenditure: '3000.00',
      deliveryRate: '0.7500',
    });
  });

  it('names the scope of every key figure', () => {
    const [figures] = executiveSummarySection(data(2025)).blocks;
    if (figures.kind !== 'keyFigures') throw new Error('no key figures');
    for (const item of figures.items) expect(item.label).toMatch(/2025|cumulative/);
    // Short enough to wrap onto two lines of a tile.
    for (const item of figures.items) expect(item.label.length).toBeLessThanOrEqual(48);
  });
});
