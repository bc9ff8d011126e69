import { Readable } from 'node:stream';
import type { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ContributionsService } from '@mptf/finance';
import { AuthUser, Role } from '@mptf/identity';
import { ListExports } from '../../apps/api/src/common/list-query';
import { CONTRIBUTION_CSV } from '../../apps/api/src/common/list-csv-columns';
import { csvRecords, parseCsv } from '../support/csv';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';
const FMU = 'fmu@mptf.test';
const LIMIT = 4;

/**
 * `format=csv` on the lists (api.md): an export reads every page in one REPEATABLE READ snapshot,
 * so a row written while it pages is neither doubled nor lost, and holds at most MAX_EXPORT_ROWS
 * rows (its rows are kept in memory): a longer list is a 422 naming the count and the limit,
 * before any row is read.
 */
describe('CSV exports of the lists: one snapshot, a row limit', () => {
  let t: TestContext;

  const deposit = async (donorCode: string, amount: string, date: string, reference: string) =>
    t.http
      .post('/api/v1/contributions')
      .set(await t.as(AA))
      .send({ donorCode, kind: 'DEPOSIT', currency: 'USD', amount, usdAmount: amount, date, reference })
      .expect(201);
  const get = async (path: string, query: Record<string, string>) =>
    t.http
      .get(`/api/v1${path}`)
      .query(query)
      .set(await t.as(FMU));

  beforeAll(async () => {
    t = await createTestContext({ env: { MAX_EXPORT_ROWS: String(LIMIT) } });
    for (const [index, donor] of ['DEU', 'NOR', 'DEU', 'SWE'].entries())
      await deposit(donor, '100000.00', `2026-0${index + 1}-10`, `REF-${index + 1}`);
    for (let index = 0; index < LIMIT + 1; index += 1)
      await insertProgramme(t.db, { title: `Export ${index}` });
  });
  afterAll(() => t.close());

  it('exports a list of exactly the limit, and refuses one row more with a 422 naming both', async () => {
    const four = await get('/contributions', { format: 'csv' });
    expect(four.status).toBe(200);
    expect(csvRecords(four)).toHaveLength(LIMIT);

    await deposit('NOR', '5000.00', '2026-06-10', 'REF-5');
    for (const path of ['/contributions', '/programmes']) {
      const refused = await get(path, { format: 'csv' });
      expect(refused.status).toBe(422);
      expect(refused.body.message).toMatch(
        /format=csv: the list has 5 rows, more than the 4 a CSV export holds/,
      );
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'format', rule: 'EXPORT_ROW_LIMIT', rows: 5, limit: LIMIT }),
      ]);
    }
    // The JSON list is not limited; a filter that narrows the list makes the export possible again.
    expect((await get('/contributions', {})).body.total).toBe(5);
    const narrowed = await get('/contributions', { format: 'csv', q: 'nor' });
    expect(narrowed.status).toBe(200);
    expect(csvRecords(narrowed).map((row) => row.Reference)).toEqual(['REF-5', 'REF-2']);
  });

  it('reads every page in one snapshot: a deposit recorded while it pages is neither doubled nor missed', async () => {
    const exports = t.app.get(ListExports);
    const contributions = t.app.get(ContributionsService);
    const [row] = (await t.db.query(`SELECT id, name FROM users WHERE email = $1`, [FMU])) as {
      id: string;
      name: string;
    }[];
    const fmu: AuthUser = {
      ...row,
      email: FMU,
      roles: [Role.FMU_OFFICER],
      organizationId: null,
      organizationCode: null,
      organizationType: null,
    };
    const pagesRead: number[] = [];
    const before = (await get('/contributions', { q: 'deu' })).body.total as number;
    // Two rows a page, newest first: a deposit recorded after the first page would push a row
    // of page 1 onto page 2 (read twice) for a reader without the snapshot.
    const file = (await exports.listOrCsv(
      { page: 1, pageSize: 50, format: 'csv' },
      { setHeader: () => undefined } as unknown as Response,
      async (page, manager) => {
        const answer = await contributions.list(fmu, { q: 'deu', page: page.page, pageSize: 1 }, manager);
        pagesRead.push(page.page);
        if (page.page === 1) await deposit('DEU', '7000.00', '2026-07-10', 'REF-LATE');
        return answer;
      },
      { fileName: 'contributions.csv', columns: CONTRIBUTION_CSV },
    )) as StreamableFile;
    const rows = parseCsv(await text(file.getStream()))
      .slice(1)
      .filter((cells) => cells.length > 1);
    expect(pagesRead).toEqual([1, 2]);
    expect(before).toBe(2);
    expect(rows.map((row) => row[CONTRIBUTION_CSV.findIndex((c) => c.header === 'Reference')])).toEqual([
      'REF-3',
      'REF-1',
    ]);
    // The deposit is there for the next reader.
    expect((await get('/contributions', { q: 'deu' })).body.total).toBe(3);
  });
});

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
