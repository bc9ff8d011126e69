import { INestApplicationContext } from '@nestjs/common';
import { createTestContext, TestContext } from '../support/test-context';
import { finished } from './report-fixtures';

const FMU = 'fmu@mptf.test';
const AA = 'aa@mptf.test';

/** REPORT_RUNS_PER_USER: how many runs one user may have queued or running at once. */
describe('report runs per user', () => {
  let t: TestContext;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    t = await createTestContext({ env: { REPORT_RUNS_PER_USER: '3' } });
    await new Promise<void>((listening) => t.app.getHttpServer().listen(0, '127.0.0.1', listening));
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const request = async (as: string, year: number, headers: Record<string, string> = {}) =>
    t.http
      .post('/api/v1/reports')
      .set(await t.as(as))
      .set(headers)
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'csv', parameters: { year } });

  it('refuses a fourth queued run of one user with 429, not another user’s, and counts concurrent requests exactly', async () => {
    // No worker yet: every run stays QUEUED.
    const accepted = [];
    for (const year of [2023, 2024, 2025])
      accepted.push(await request(FMU, year, { 'Idempotency-Key': `y${year}` }));
    expect(accepted.map((response) => response.status)).toEqual([202, 202, 202]);
    const refused = await request(FMU, 2022);
    expect(refused.status).toBe(429);
    expect(refused.body.details[0]).toMatchObject({ rule: 'REPORT_RUNS_PER_USER', limit: 3, active: 3 });
    expect(refused.body.message).toMatch(/3 report runs queued or running/);
    // A repeat of a request already made is no new run: it answers with the first one.
    const repeat = await request(FMU, 2023, { 'Idempotency-Key': 'y2023' });
    expect(repeat.status).toBeLessThan(300);
    expect(repeat.body.id).toBe(accepted[0].body.id);

    const racing = await Promise.all([2019, 2020, 2021, 2022, 2023, 2024].map((year) => request(AA, year)));
    expect(racing.map((response) => response.status).sort()).toEqual([202, 202, 202, 429, 429, 429]);
    const [{ queued }] = (await t.db.query(
      `SELECT count(*)::int AS queued FROM report_runs r JOIN users u ON u.id = r.requested_by
        WHERE u.email = $1 AND r.status = 'QUEUED'`,
      [AA],
    )) as { queued: number }[];
    expect(queued).toBe(3);
  });

  it('lets the user request again once its runs have finished', async () => {
    worker = await t.startWorker();
    const runs = (await t.http.get('/api/v1/reports?status=QUEUED').set(await t.as(FMU))).body.items as {
      id: string;
    }[];
    for (const run of runs) await finished(t, run.id);
    expect((await request(FMU, 2022)).status).toBe(202);
  }, 60_000);
});
