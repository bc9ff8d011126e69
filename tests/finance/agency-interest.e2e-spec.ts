import {
  binary,
  composeReport,
  finished,
  keep,
  pdfText,
  tableOf as tableOfDocument,
} from '../reporting/report-fixtures';
import { ReportType, TableBlock } from '@mptf/reporting';
import { deposit, underReview } from '../review/review-fixtures';
import {
  AA,
  API,
  approveInFull,
  expectStatus,
  FMU,
  IOM,
  setToday,
  transfer,
  UNICEF,
} from '../programmes/programme-work-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * Interest earned by agencies (issue 17): the AA records what a PUNO earned on the fund's money
 * it holds; it shows beside the PUNOs' figures in /fund/status and in the annual report's PUNO
 * table, and is in no balance (the MPTF Office reports it separately).
 */
describe('finance: interest earned by agencies', () => {
  let t: TestContext;
  let entryId: string;
  let laterId: string;

  const record = async (as: string, body: object) =>
    t.http
      .post(`${API}/agency-interest`)
      .set(await t.as(as))
      .send(body);
  const status = async (year?: number) =>
    expectStatus(
      await t.http.get(`${API}/fund/status${year ? `?year=${year}` : ''}`).set(await t.as(FMU)),
      200,
    );

  /** A table of the annual report of `year`, composed as the worker does. */
  const tableOf = async (year: number, title: RegExp): Promise<TableBlock> =>
    tableOfDocument(await composeReport(t, ReportType.ANNUAL_CONSOLIDATED, { year }), title);

  const punoTable = (year: number) => tableOf(year, /^Transfers, refunds and expenditure by organization/);

  beforeAll(async () => {
    t = await createTestContext();
    setToday(t, '2025-03-01');
    await deposit(t, '2000000.00', '2025-01-05');
    const programmeId = await underReview(t);
    await approveInFull(t, programmeId);
    await transfer(t, programmeId, 'IOM', '300000.00', '2025-03-01');
    setToday(t, '2026-03-01');
  });
  afterAll(() => t.close());

  it('is recorded by the AA only, for a UN entity the fund transferred money to', async () => {
    const body = { orgCode: 'IOM', amount: '1500.00', date: '2025-12-31', description: 'Interest 2025' };
    expect((await record(IOM, body)).status).toBe(403);
    expect((await record(FMU, body)).status).toBe(403);

    const unicef = await record(AA, { ...body, orgCode: 'UNICEF' });
    expect(unicef.status).toBe(422);
    expect(unicef.body.details).toEqual([expect.objectContaining({ field: 'orgCode', rule: 'FUNDS_HELD' })]);
    const donor = await record(AA, { ...body, orgCode: 'DEU' });
    expect(donor.status).toBe(422);
    expect(donor.body.details).toEqual([
      expect.objectContaining({ field: 'orgCode', rule: 'PARTICIPATING_ORGANIZATION' }),
    ]);
    const unknown = await record(AA, { ...body, orgCode: 'NOPE' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'orgCode' })]);
    const float = await record(AA, { ...body, amount: '12.345' });
    expect(float.status).toBe(400);
    expect(float.body.details).toEqual([expect.objectContaining({ field: 'amount' })]);

    const before = await status();
    const created = await record(AA, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      orgCode: 'IOM',
      amount: '1500.00',
      date: '2025-12-31',
      description: 'Interest 2025',
      reversedBy: null,
    });
    entryId = created.body.id;
    const later = await record(AA, { orgCode: 'IOM', amount: '250.25', date: '2026-01-31' });
    expect(later.status).toBe(201);
    laterId = later.body.id;

    // Beside the PUNOs' figures, in no balance.
    const after = await status();
    expect(after.withParticipatingOrganizations.agencyInterest).toBe('1750.25');
    expect({ ...after.withParticipatingOrganizations, agencyInterest: null }).toEqual({
      ...before.withParticipatingOrganizations,
      agencyInterest: null,
    });
    expect(after.withAdministrativeAgent).toEqual(before.withAdministrativeAgent);
    expect(after.totalBalance).toBe(before.totalBalance);
    expect(after.availableForAllocation).toBe(before.availableForAllocation);
    expect((await status(2025)).withParticipatingOrganizations.agencyInterest).toBe('1500.00');
    expect((await status(2026)).withParticipatingOrganizations.agencyInterest).toBe('250.25');
  });

  it('lists every agency’s to the fund’s offices and an agency’s own to its focal point', async () => {
    const list = async (as: string, query = '') =>
      expectStatus(await t.http.get(`${API}/agency-interest${query}`).set(await t.as(as)), 200);
    expect((await list(FMU)).total).toBe(2);
    expect((await list(AA, '?year=2025')).items).toEqual([expect.objectContaining({ id: entryId })]);
    expect((await list(IOM)).total).toBe(2);
    expect(await list(UNICEF)).toMatchObject({ total: 0, items: [] });
    expect((await t.http.get(`${API}/agency-interest/${entryId}`).set(await t.as(UNICEF))).status).toBe(404);
    expect((await t.http.get(`${API}/agency-interest/${entryId}`).set(await t.as(IOM))).status).toBe(200);
  });

  it('is corrected by a reversing entry, once, with its audit events', async () => {
    const reverse = async () =>
      t.http
        .post(`${API}/agency-interest/${laterId}/reverse`)
        .set(await t.as(AA))
        .send({ reason: 'Reported for another fund' });
    const reversal = await reverse();
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({
      orgCode: 'IOM',
      amount: '-250.25',
      reverses: laterId,
      reason: 'Reported for another fund',
    });
    expect((await reverse()).status).toBe(409);
    expect((await status()).withParticipatingOrganizations.agencyInterest).toBe('1500.00');

    const audit = await expectStatus(
      await t.http.get(`${API}/audit?entityType=agency_interest&entityId=${laterId}`).set(await t.as(FMU)),
      200,
    );
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'agency_interest.record',
      'agency_interest.reverse',
    ]);
  });

  it('shows each agency’s interest in the annual report’s PUNO table, cut at 31 December', async () => {
    const row = (table: TableBlock) => table.rows.find((r) => /\(IOM\)/.test(String(r.organization)))!;
    const table2025 = await punoTable(2025);
    expect(table2025.columns.map((c) => c.key)).toContain('interest');
    expect(row(table2025)).toMatchObject({ interest: '1500.00' });
    expect(table2025.totals).toMatchObject({ interest: '1500.00' });
    // 2026: the 250.25 recorded and reversed in the year; the cumulative figure stays 1,500.00.
    expect(row(await punoTable(2026))).toMatchObject({ interest: '1500.00' });
    // Its timeline was recorded today (the clock was moved), its money in 2025: active by then.
    const byStatus = await tableOf(2025, /^Joint programmes by status/);
    expect(byStatus.rows.filter((r) => Number(r.programmes) > 0)).toEqual([
      expect.objectContaining({ status: 'Active', programmes: 1 }),
    ]);
  });

  it('prints the agency interest column in the annual PDF', async () => {
    await t.startWorker();
    const fmu = await t.as(FMU);
    const created = await t.http
      .post(`${API}/reports`)
      .set(fmu)
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2025 } });
    expect(created.status).toBe(202);
    const run = await finished(t, created.body.id, FMU, 60000);
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    const file = (await t.http.get(`${API}/reports/${run.id}/file`).set(fmu).buffer(true).parse(binary))
      .body as Buffer;
    keep('annual-agency-interest.pdf', file);
    const text = pdfText(file);
    expect(text).toContain('Interest earned by');
    expect(text).toContain('1,500.00');
  });
});
