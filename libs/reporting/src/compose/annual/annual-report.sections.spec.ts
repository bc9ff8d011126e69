import { formatFundStatus, fundStatusFrom, LedgerKind, PortfolioGroup } from '@mptf/finance';
import { TableBlock } from '../../document/report-document';
import { buildSections } from '../report-composer';
import { ANNUAL_REPORT_SECTIONS } from './annual-report.composer';
import { AnnualReportData } from './annual-report.data';
import { allocationsSection } from './annual-portfolio.sections';
import { highlightsSection, sourcesAndUsesSection } from './annual-report.sections';

const status = (cents: Partial<Record<LedgerKind, bigint>>) => formatFundStatus(fundStatusFrom(cents));

const area = (key: number, expenditure: string): PortfolioGroup => ({
  key,
  label: `Area ${key}`,
  programmes: 1,
  allocated: '1000.00',
  transferred: '800.00',
  expenditure,
  deliveryRate: '0.0000',
});

/** The annual report's data without a database: the section builders need nothing else. */
function data(year?: number): AnnualReportData {
  const inception = status({
    [LedgerKind.DEPOSIT]: 1_000_000n,
    [LedgerKind.TRANSFER]: 500_000n,
    [LedgerKind.REFUND]: 100_000n,
    [LedgerKind.EXPENDITURE]: 300_000n,
  });
  return {
    year,
    snapshotAt: '2026-05-02T10:11:12.000Z',
    settings: { expenditureDeadline: '04-30' } as AnnualReportData['settings'],
    inception,
    ofYear: year === undefined ? null : status({ [LedgerKind.DEPOSIT]: 200_000n }),
    donors: [],
    contributions: [],
    byArea: [area(1, '1000.00'), area(2, '2000.00')],
    byOrganization: [],
    byRegion: [],
    byStatus: [],
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
  it('lists the sections in the report’s order, each from its builder', () => {
    expect(buildSections(data(2025), ANNUAL_REPORT_SECTIONS).map((s) => s.heading)).toEqual([
      'Highlights',
      'Sources and uses of funds',
      'Contributions by donor',
      'Allocations, transfers and expenditure',
      'Portfolio status',
      'Results',
    ]);
  });

  it('gives the ledgers a column for the year only when the report has one', () => {
    const columns = (year?: number) =>
      tables(sourcesAndUsesSection(data(year)).blocks).map((t) => t.columns.map((c) => c.label));
    expect(columns(2025)[0]).toEqual(['US$', '2025', 'Since inception']);
    expect(columns()[0]).toEqual(['US$', 'Since inception']);
    const [aa] = tables(sourcesAndUsesSection(data(2025)).blocks);
    expect(aa.rows[0]).toEqual({ item: 'Contributions from donors', year: '2000.00', inception: '10000.00' });
  });

  it('states delivery on the net funded amount (transfers − refunds) since inception', () => {
    const [figures] = highlightsSection(data(2025)).blocks;
    expect(figures).toMatchObject({
      kind: 'keyFigures',
      items: expect.arrayContaining([
        { label: 'Delivery rate since inception', value: '0.7500', type: 'percent' },
      ]),
    });
    // The areas spent 1,000.00 + 2,000.00 of a net funded 4,000.00.
    const [byArea] = tables(allocationsSection(data(2025)).blocks);
    expect(byArea.totals).toMatchObject({ expenditure: '3000.00', deliveryRate: '0.7500' });
  });
});
