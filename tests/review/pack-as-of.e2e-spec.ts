import { INestApplicationContext } from '@nestjs/common';
import { binary, csvText, finished } from '../reporting/report-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import {
  API,
  CHAIR,
  deposit,
  FMU,
  FULL_ALLOCATIONS,
  REQUESTED_TOTAL,
  SC_UNDP,
  underReview,
} from './review-fixtures';

/** Issue 17: a decision pack is what the Steering Committee saw, as of its agenda, kept once decided. */
describe('decision packs as of their meeting', () => {
  let t: TestContext;
  let worker: INestApplicationContext;
  let funded: string; // approved before the meeting
  let a: string; // pipelined at the meeting for lack of funds
  let b: string; // rejected at the meeting
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestContext();
    worker = await t.startWorker();
    // 693,000 available; one programme takes 583,150.81 → 109,849.19 left when the agenda is set.
    await deposit(t, '700000.00');
    funded = await underReview(t, { title: 'Funded earlier', countryCodes: ['NPL'] });
    await t.http
      .post(`${API}/proposals/${funded}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Good', allocations: FULL_ALLOCATIONS })
      .expect(201);
    a = await underReview(t, { title: 'Waits for money', countryCodes: ['KEN'] });
    b = await underReview(t, { title: 'Not this time', countryCodes: ['MAR'] });
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Session', date: '2026-09-15', proposalIds: [a, b] })
      .expect(201);
    meetingId = meeting.body.id;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const pack = async () =>
    (await t.http.get(`${API}/sc-meetings/${meetingId}/pack`).set(await t.as(FMU))).body;
  /** The figures of a pack: what must not change once it is kept. */
  const figures = (body: Record<string, unknown> & { proposals: Record<string, unknown>[] }) => {
    const { generatedAt: _g, keptAt: _k, proposals, ...rest } = body;
    return { ...rest, proposals: proposals.map(({ decision: _d, recordableAs: _r, ...p }) => p) };
  };
  const csvOfPack = async (): Promise<string> => {
    const run = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'DECISION_PACK', format: 'csv', parameters: { meetingId } })
      .expect(202);
    expect((await finished(t, run.body.id)).status).toBe('SUCCEEDED');
    const file = await t.http
      .get(`${API}/reports/${run.body.id}/file`)
      .set(await t.as(FMU))
      .buffer(true)
      .parse(binary);
    return csvText(file.body as Buffer);
  };
  /** Lines with figures: before the (live) decisions table, less the generation time and decision cells. */
  const figureLines = (csv: string) =>
    csv
      .slice(0, csv.indexOf('"Proposal","Outcome","Allocated"'))
      .split('\n')
      .filter((line) => !/Generated|Pack kept|Decisions recorded|^"Decision"|^"Run"/.test(line));

  it('shows funds, portfolio and pipeline as they stood when the agenda was set', async () => {
    const before = await pack();
    expect(before.asOf).toEqual(expect.any(String));
    expect(before.keptAt).toBeNull();
    expect(before.allocatedTotal).toBe(REQUESTED_TOTAL);
    expect(before.availableFunds).toBe('109849.19');
    expect(before.proposals.map((p: { fundable: boolean }) => p.fundable)).toEqual([false, false]);
    // "If all on the agenda are approved": both requested totals on top of today's allocations.
    expect(before.ifAllApproved).toEqual({
      requestedTotal: '1166301.62',
      allocatedTotal: '1749452.43',
      availableAfter: '-1056452.43',
      fitsAvailableFunds: false,
    });
    expect(before.balance.ifAllApproved.byRegion).toMatchObject({ Africa: '0.6667', Asia: '0.3333' });

    // Money that arrives after the agenda was set does not change the pack.
    await deposit(t, '2000000.00', '2026-06-01');
    expect(figures(await pack())).toEqual(figures(before));
  });

  it('keeps the decided pack: the same figures after later approvals, in the API and the report', async () => {
    const before = figures(await pack());
    await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(CHAIR))
      .send({
        decisions: [
          { proposalId: a, outcome: 'PIPELINE', justification: 'Endorsed; no money for it yet' },
          { proposalId: b, outcome: 'REJECTED', justification: 'Duplicates existing work' },
        ],
      })
      .expect(201);
    const decided = await pack();
    expect(decided.keptAt).toEqual(expect.any(String));
    expect(figures(decided)).toEqual(before);
    // The pipelined proposal never reads "fits the funds" in its meeting's pack.
    expect(decided.proposals[0]).toMatchObject({ fundable: false, decision: { outcome: 'PIPELINE' } });
    const reportBefore = await csvOfPack();
    expect(reportBefore).toContain('109849.19');

    // Later: the pipelined programme is approved with the new money.
    await t.http
      .post(`${API}/proposals/${a}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Money arrived', allocations: FULL_ALLOCATIONS })
      .expect(201);
    const later = await pack();
    expect(figures(later)).toEqual(before);
    expect(later.allocatedTotal).toBe(REQUESTED_TOTAL);
    expect(figureLines(await csvOfPack())).toEqual(figureLines(reportBefore));

    // Another meeting set today sees today's funds and the new programme in "now".
    const next = await underReview(t, { title: 'Next round' });
    const meeting2 = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Next session', date: '2026-12-01', proposalIds: [next] })
      .expect(201);
    const pack2 = (await t.http.get(`${API}/sc-meetings/${meeting2.body.id}/pack`).set(await t.as(SC_UNDP)))
      .body;
    expect(pack2.allocatedTotal).toBe('1166301.62');
    expect(pack2.availableFunds).toBe('1506698.38');
    expect(pack2.proposals[0].fundable).toBe(true);
  });
});
