import { csvRecords } from '../support/csv';
import { createTestContext, TestContext } from '../support/test-context';
import { actualsInEveryState, insertProposal } from './results-fixtures';

const FMU = 'fmu@mptf.test';
const IOM_FOCAL = 'iom.focal@mptf.test';
const UNICEF_FOCAL = 'unicef.focal@mptf.test';
const DONOR = 'donor.deu@mptf.test';

/** GET /actuals (the FMU approval queue and every actual list, issue 18): sort, q, paging, CSV. */
describe('the actuals list sorts, searches, pages and exports on the server', () => {
  let t: TestContext;
  let reference: string;
  const get = async (user: string, query: Record<string, string | number> = {}) =>
    t.http
      .get('/api/v1/actuals')
      .query(query)
      .set(await t.as(user));
  const narratives = (body: { items: { narrative: string }[] }) => body.items.map((a) => a.narrative);

  beforeAll(async () => {
    t = await createTestContext();
    const programmeId = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'] });
    await actualsInEveryState(t, programmeId, IOM_FOCAL);
    const [row] = (await t.db.query('SELECT reference FROM proposals WHERE id = $1', [programmeId])) as {
      reference: string;
    }[];
    reference = row.reference;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sorts by columns either way and pages', async () => {
    expect(narratives((await get(IOM_FOCAL, { sort: 'status' })).body)).toEqual([
      'APPROVED figure',
      'DRAFT figure',
      'RETURNED figure',
      'SUBMITTED figure',
    ]);
    const page = await get(IOM_FOCAL, { sort: '-periodStart,indicatorKey', page: 1, pageSize: 3 });
    expect(page.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(narratives(page.body)).toEqual(['SUBMITTED figure', 'APPROVED figure', 'DRAFT figure']);
    const next = await get(IOM_FOCAL, { sort: '-periodStart,indicatorKey', page: 2, pageSize: 3 });
    expect(narratives(next.body)).toEqual(['RETURNED figure']);
  });

  it('answers an unknown sort field with a 400 naming it', async () => {
    const response = await get(FMU, { sort: '-narrative' });
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({
      field: 'sort',
      message: expect.stringContaining('cannot sort by "narrative"'),
    });
  });

  it('finds by indicator key prefix, title prefix, narrative and programme reference', async () => {
    expect(narratives((await get(FMU, { q: 'op2', sort: 'status' })).body)).toEqual([
      'APPROVED figure',
      'RETURNED figure',
    ]);
    expect((await get(FMU, { q: 'Officials tr' })).body.total).toBe(2);
    expect(narratives((await get(FMU, { q: 'returned fig' })).body)).toEqual(['RETURNED figure']);
    expect((await get(IOM_FOCAL, { q: reference })).body.total).toBe(4);
    expect((await get(FMU, { q: 'nothing like it' })).body.total).toBe(0);
  });

  it('exports CSV with BOM and header, under the same row rules as the list', async () => {
    const all = csvRecords(await get(IOM_FOCAL, { format: 'csv', sort: 'status' }));
    expect(all.map((row) => row.Status)).toEqual(['APPROVED', 'DRAFT', 'RETURNED', 'SUBMITTED']);
    expect(all[0]).toMatchObject({
      Programme: reference,
      Indicator: 'OP2.1',
      'Period start': '2026-01-01',
      Value: '30',
      Narrative: 'APPROVED figure',
    });
    const queue = csvRecords(await get(FMU, { format: 'csv', status: 'SUBMITTED' }));
    expect(queue.map((row) => row.Narrative)).toEqual(['SUBMITTED figure']);
    // A donor reads approved actuals only; an agency outside the programme reads none.
    const donor = csvRecords(await get(DONOR, { format: 'csv' }));
    expect(donor.map((row) => row.Status)).toEqual(['APPROVED']);
    expect((await get(DONOR)).body.total).toBe(1);
    expect(csvRecords(await get(UNICEF_FOCAL, { format: 'csv' }))).toEqual([]);
    expect((await get(UNICEF_FOCAL)).body.total).toBe(0);
  });
});
