import { csvRecords } from '../support/csv';
import { createTestContext, TestContext } from '../support/test-context';

const FMU = 'fmu@mptf.test';
const DONOR = 'donor.deu@mptf.test';

/** GET /reports (issue 18): sort, q, paging and CSV of the runs a user may read. */
describe('the report run list sorts, searches, pages and exports on the server', () => {
  let t: TestContext;
  const get = async (user: string, query: Record<string, string | number> = {}) =>
    t.http
      .get('/api/v1/reports')
      .query(query)
      .set(await t.as(user));
  const files = (body: { items: { fileName?: string }[] }) => body.items.map((r) => r.fileName);

  beforeAll(async () => {
    t = await createTestContext();
    // Finished runs straight in the table: the list reads rows, the worker is tested elsewhere.
    const runs: [string, string, object, number, string][] = [
      ['ANNUAL_CONSOLIDATED', 'pdf', { year: 2025 }, 1200, 'annual-report-2025.pdf'],
      ['CONTRIBUTOR_STATEMENT', 'csv', { year: 2025, donorCode: 'DEU' }, 300, 'statement-DEU-2025.csv'],
      ['CONTRIBUTOR_STATEMENT', 'pdf', { year: 2025, donorCode: 'NOR' }, 900, 'statement-NOR-2025.pdf'],
      ['PROGRAMME_FACTSHEET', 'xlsx', { year: 2026 }, 50, 'factsheet-2026.xlsx'],
    ];
    let day = 1;
    for (const [type, format, parameters, bytes, fileName] of runs) {
      await t.db.query(
        `INSERT INTO report_runs (type, format, parameters, status, progress, bytes, file_name, created_at, finished_at,
                                  storage_key, sha256, requested_by)
         SELECT $1, $2, $3, 'SUCCEEDED', 100, $4, $5, $6, $6, 'list-test/' || $5, repeat('0', 64), u.id
           FROM users u WHERE u.email = $7`,
        [type, format, JSON.stringify(parameters), bytes, fileName, `2026-05-0${day}T10:00:00Z`, FMU],
      );
      day += 1;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sorts by columns either way and pages', async () => {
    expect(files((await get(FMU, { sort: 'bytes' })).body)).toEqual([
      'factsheet-2026.xlsx',
      'statement-DEU-2025.csv',
      'statement-NOR-2025.pdf',
      'annual-report-2025.pdf',
    ]);
    const page = await get(FMU, { sort: '-bytes', page: 2, pageSize: 3 });
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(files(page.body)).toEqual(['factsheet-2026.xlsx']);
    // Without a sort: newest first, as before.
    expect(files((await get(FMU)).body)[0]).toBe('factsheet-2026.xlsx');
  });

  it('answers an unknown sort field with a 400 naming it', async () => {
    const response = await get(FMU, { sort: 'donor' });
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({
      field: 'sort',
      message: expect.stringContaining('cannot sort by "donor"'),
    });
  });

  it('finds by a word of the type, the format, a donor and the file name', async () => {
    expect((await get(FMU, { q: 'statem' })).body.total).toBe(2);
    expect(files((await get(FMU, { q: 'xlsx' })).body)).toEqual(['factsheet-2026.xlsx']);
    expect(files((await get(FMU, { q: 'nor' })).body)).toEqual(['statement-NOR-2025.pdf']);
    expect(files((await get(FMU, { q: 'annual-rep' })).body)).toEqual(['annual-report-2025.pdf']);
  });

  it('exports CSV with BOM and header; a donor’s CSV holds only the runs it may read', async () => {
    const fmu = csvRecords(await get(FMU, { format: 'csv', sort: 'createdAt' }));
    expect(fmu.map((row) => row.File)).toEqual([
      'annual-report-2025.pdf',
      'statement-DEU-2025.csv',
      'statement-NOR-2025.pdf',
      'factsheet-2026.xlsx',
    ]);
    expect(fmu[1]).toMatchObject({
      Report: 'CONTRIBUTOR_STATEMENT',
      Contributor: 'DEU',
      Year: '2025',
      Bytes: '300',
    });
    const donor = csvRecords(await get(DONOR, { format: 'csv', sort: 'createdAt' }));
    expect(donor.map((row) => row.File)).toEqual(['annual-report-2025.pdf', 'statement-DEU-2025.csv']);
    expect((await get(DONOR, { q: 'nor' })).body.total).toBe(0);
  });
});
