import { INestApplicationContext } from '@nestjs/common';
import { shareOf } from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { CellValue, ReportDocument, ReportType, TableBlock } from '@mptf/reporting';
import { allocateProgramme, insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import {
  binary,
  composeReport,
  finished,
  keep,
  pdfText,
  tableOf as table,
  tablesOf as tables,
} from './report-fixtures';

const AA = 'aa@mptf.test';
const FMU = 'fmu@mptf.test';

const money = (value: CellValue) => parseMoney(String(value));

const row = (t: TableBlock, item: RegExp) => {
  const found = t.rows.find((r) => item.test(String(Object.values(r)[0])));
  if (!found) throw new Error(`no row ${item} in ${t.title}`);
  return found;
};

/**
 * The finance of the donor reports on a portfolio built through the API, with entries on both
 * sides of 31 December 2025: the cut-off, the year columns' balances, a NOK pledge stated the same
 * in every report, a full refund (delivery n/a), and recorded interest in the contributor statement.
 */
describe('donor reports: finance as the MPTF Office presents it', () => {
  let t: TestContext;
  let worker: INestApplicationContext;

  const compose = (type: ReportType, parameters: Record<string, unknown>) =>
    composeReport(t, type, parameters);

  beforeAll(async () => {
    t = await createTestContext();
    const aa = await t.as(AA);
    const post = async (path: string, body: object, auth = aa) => {
      const response = await t.http.post(`/api/v1${path}`).set(auth).send(body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status: 201 });
      return response;
    };
    const contribution = (
      donorCode: string,
      kind: string,
      currency: string,
      amount: string,
      usdAmount: string,
      date: string,
    ) => post('/contributions', { donorCode, kind, currency, amount, usdAmount, date });
    // Norway pledges NOK 10,000,000 (at 0.1000 when signed), pays 4,000,000 in 2025 and 2,000,000 in 2026.
    await contribution('NOR', 'COMMITMENT', 'NOK', '10000000.00', '1000000.00', '2025-02-01');
    await contribution('NOR', 'DEPOSIT', 'NOK', '4000000.00', '380000.00', '2025-03-01');
    await contribution('NOR', 'DEPOSIT', 'NOK', '2000000.00', '210000.00', '2026-02-01');
    await contribution('DEU', 'COMMITMENT', 'USD', '3000000.00', '3000000.00', '2025-01-10');
    await contribution('DEU', 'DEPOSIT', 'USD', '2000000.00', '2000000.00', '2025-01-20');
    await contribution('DEU', 'DEPOSIT', 'USD', '500000.00', '500000.00', '2026-01-15');
    // Spain deposits without a commitment: the deposit implies one.
    await contribution('ESP', 'DEPOSIT', 'EUR', '100000.00', '110000.00', '2025-06-01');
    await post('/fund/entries', { kind: 'INTEREST', amount: '12345.67', date: '2025-12-15' });
    await post('/fund/entries', { kind: 'INTEREST', amount: '1000.00', date: '2026-01-31' });

    const programmeId = await insertProgramme(t.db, {
      title: 'Protection along the central Mediterranean route',
      punos: [
        { orgCode: 'IOM', direct: '1500000.00' },
        { orgCode: 'UNDESA', direct: '200000.00' },
      ],
    });
    await allocateProgramme(
      t,
      programmeId,
      [
        { orgCode: 'IOM', amount: '1500000.00' },
        { orgCode: 'UNDESA', amount: '200000.00' },
      ],
      { actor: AA, date: '2025-03-15' },
    );
    const url = `/api/v1/programmes/${programmeId}`.replace('/api/v1', '');
    await post(`${url}/transfers`, { orgCode: 'IOM', amount: '1000000.00', date: '2025-04-01' });
    await post(`${url}/transfers`, { orgCode: 'UNDESA', amount: '200000.00', date: '2025-05-01' });
    await post(`${url}/refunds`, { orgCode: 'UNDESA', amount: '200000.00', date: '2025-10-01' });
    await post(`${url}/transfers`, { orgCode: 'IOM', amount: '300000.00', date: '2026-02-15' });
    const iom = await t.as('iom.focal@mptf.test');
    await post(
      `${url}/expenditures`,
      { orgCode: 'IOM', year: 2025, lines: [{ categoryCode: 1, amount: '400000.00' }] },
      iom,
    );
    await post(
      `${url}/expenditures`,
      { orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 4, amount: '100000.00' }] },
      iom,
    );
  });
  afterAll(() => t.close());

  it('cuts the 2025 report at 31 December 2025 and balances every column', async () => {
    const report = await compose(ReportType.ANNUAL_CONSOLIDATED, { year: 2025 });
    expect(report.sections[0].heading).toBe('Executive summary');
    const aa = table(report, /^Funds with the Administrative Agent/);
    expect(aa.columns.map((c) => c.label)).toEqual([
      'US$',
      'Prior years (to 31 Dec 2024)',
      'Current year 2025',
      'Total (to 31 Dec 2025)',
    ]);
    // 2026's deposits (210,000 + 500,000), interest and transfer are not in the 2025 report.
    expect(row(aa, /^Contributions from donors/)).toMatchObject({
      prior: '0.00',
      current: '2490000.00',
      total: '2490000.00',
    });
    expect(row(aa, /^Interest income/)).toMatchObject({ current: '12345.67', total: '12345.67' });
    expect(row(aa, /^Transfers to participating/)).toMatchObject({
      current: '1200000.00',
      total: '1200000.00',
    });
    const punos = table(report, /^Funds with participating UN organizations/);
    expect(row(punos, /^Expenditure reported/)).toMatchObject({ total: '400000.00' });
    for (const ledger of [aa, punos]) {
      const opening = row(ledger, /^Opening balance/);
      const change = row(ledger, /^Net change/);
      for (const column of ['prior', 'current', 'total'])
        expect({
          table: ledger.title,
          column,
          balanced: money(opening[column]) + money(change[column]),
        }).toEqual({
          table: ledger.title,
          column,
          balanced: money(ledger.totals![column]),
        });
    }
    // 2,490,000.00 − 24,900.00 fees + 12,345.67 interest − 1,200,000.00 + 200,000.00 refund.
    expect(aa.totals).toMatchObject({ current: '1477445.67', total: '1477445.67' });

    const byOrg = table(report, /^Transfers, refunds and expenditure by organization/);
    expect(row(byOrg, /UNDESA/)).toMatchObject({
      transferred: '200000.00',
      refunded: '200000.00',
      netFunded: '0.00',
      deliveryRate: 'n/a',
    });
    expect(row(byOrg, /IOM/)).toMatchObject({
      netFunded: '1000000.00',
      expenditure: '400000.00',
      deliveryRate: '0.4000',
    });
    const annex = table(report, /^Expenditure by programme/);
    expect(annex.rows.find((r) => r.puno === 'UNDESA')).toMatchObject({ deliveryRate: 'n/a' });
    expect(table(report, /^By thematic area/).totals).toMatchObject({
      netFunded: '1000000.00',
      expenditure: '400000.00',
    });
  });

  it('opens the current year at the prior years’ close', async () => {
    const report = await compose(ReportType.ANNUAL_CONSOLIDATED, { year: 2026 });
    const aa = table(report, /^Funds with the Administrative Agent/);
    expect(row(aa, /^Opening balance/)).toMatchObject({
      prior: '0.00',
      current: '1477445.67',
      total: '0.00',
    });
    expect(row(aa, /^Contributions from donors/)).toMatchObject({
      prior: '2490000.00',
      current: '710000.00',
      total: '3200000.00',
    });
    for (const column of ['prior', 'current', 'total'])
      expect(money(row(aa, /^Opening balance/)[column]) + money(row(aa, /^Net change/)[column])).toBe(
        money(aa.totals![column]),
      );
  });

  it('states the NOK pledge in its currency and in US$ at the stated rate, the same in every report', async () => {
    const annual = await compose(ReportType.ANNUAL_CONSOLIDATED, { year: 2025 });
    const statement = await compose(ReportType.CONTRIBUTOR_STATEMENT, { donorCode: 'NOR', year: 2025 });
    const expected = {
      currency: 'NOK',
      committedOriginal: '10000000.00',
      depositedOriginal: '4000000.00',
      outstandingOriginal: '6000000.00',
      // The unpaid NOK 6,000,000 at 0.095000, the latest NOK rate on or before 31 Dec 2025.
      outstandingUsd: '570000.00',
      depositedUsd: '380000.00',
      committedUsd: '950000.00',
    };
    const pledgesOf = (document: ReportDocument) =>
      table(document, /^(Commitments, deposits and outstanding pledges|Your pledges)/);
    expect(row(pledgesOf(annual), /Norway/)).toMatchObject(expected);
    expect(row(pledgesOf(statement), /Norway/)).toMatchObject(expected);
    for (const document of [annual, statement])
      expect(pledgesOf(document).note).toContain('1 NOK = 0.095000 US$');
    // Spain's deposit without a commitment counts as committed: nothing outstanding, never below deposits.
    expect(row(pledgesOf(annual), /Spain/)).toMatchObject({
      committedOriginal: '100000.00',
      outstandingOriginal: '0.00',
    });
    for (const line of pledgesOf(annual).rows)
      expect(money(line.committedUsd) - money(line.depositedUsd)).toBe(money(line.outstandingUsd));
    // In 2026 the unpaid part is NOK 4,000,000 at 2026's latest rate (0.105000).
    // The inception report, the current year's and the statement without a year share the as-of cut.
    const asOf = {
      outstandingOriginal: '4000000.00',
      outstandingUsd: '420000.00',
      committedUsd: '1010000.00',
    };
    for (const document of [
      await compose(ReportType.ANNUAL_CONSOLIDATED, { year: 2026 }),
      await compose(ReportType.ANNUAL_CONSOLIDATED, {}),
      await compose(ReportType.CONTRIBUTOR_STATEMENT, { donorCode: 'NOR' }),
    ])
      expect(row(pledgesOf(document), /Norway/)).toMatchObject(asOf);
  });

  it('reconciles the contributor’s shares with its net deposits and its share of interest', async () => {
    const statement = await compose(ReportType.CONTRIBUTOR_STATEMENT, { donorCode: 'NOR', year: 2025 });
    const uses = table(statement, /^Sources and uses of the fund to 31 Dec 2025/);
    const interest = row(uses, /^Interest income/);
    expect(interest.fund).toBe('12345.67');
    // NOR: 380,000 − 3,800 of 2,490,000 − 24,900 net deposits.
    expect(money(interest.share)).toBe(shareOf(1234567n, 37620000n, 246510000n));
    const resources = row(uses, /^Resources/);
    expect(money(resources.share)).toBe(parseMoney('376200.00') + money(interest.share));
    expect(money(uses.totals!.share)).toBe(money(resources.share));
    expect(uses.totals!.fund).toBe(resources.fund);
    // The year's uses are there when a year is asked, and no API wording anywhere.
    expect(tables(statement).some((t) => t.title === 'Sources and uses of the fund in 2025 (US$)')).toBe(
      true,
    );
    expect(JSON.stringify(statement)).not.toMatch(/GET \/|\/fund\/status/);
    const byArea = table(statement, /^Net funded amount and expenditure by thematic area/);
    expect(sumOf(byArea.rows.map((r) => r.shareNetFunded))).toBe(money(byArea.totals!.shareNetFunded));
    const programmes = table(statement, /^Programmes funded/);
    expect(sumOf(programmes.rows.map((r) => r.share))).toBe(money(programmes.totals!.share));
  });

  it('renders the annual report and a statement as PDF with n/a for the full refund', async () => {
    worker = await t.startWorker();
    void worker;
    const fmu = await t.as(FMU);
    for (const [name, body] of [
      ['annual-2025.pdf', { type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2025 } }],
      [
        'statement-nor-2025.pdf',
        { type: 'CONTRIBUTOR_STATEMENT', format: 'pdf', parameters: { donorCode: 'NOR', year: 2025 } },
      ],
    ] as const) {
      const created = await t.http.post('/api/v1/reports').set(fmu).send(body);
      expect(created.status).toBe(202);
      const run = await finished(t, created.body.id, FMU, 60000);
      expect(run).toMatchObject({ status: 'SUCCEEDED' });
      const file = (await t.http.get(`/api/v1/reports/${run.id}/file`).set(fmu).buffer(true).parse(binary))
        .body as Buffer;
      keep(name, file);
      const text = pdfText(file);
      expect(text).toContain('6,000,000.00');
      if (name.startsWith('annual')) expect(text).toContain('n/a');
    }
  });
});

function sumOf(values: CellValue[]): bigint {
  return values.reduce<bigint>((sum, value) => sum + money(value), 0n);
}
