import { parseMoney } from '@mptf/platform';
import { createTestContext, TestContext } from '../support/test-context';
import {
  API,
  CHAIR,
  deposit,
  FMU,
  FULL_ALLOCATIONS,
  IOM,
  REQUESTED_TOTAL,
  SC_UNDP,
  scorecard,
  underReview,
} from './review-fixtures';

/** A meeting's decisions in one all-or-nothing batch, the pack's balance, and the pipeline. */
describe('meeting decisions, decision pack and pipeline', () => {
  let t: TestContext;
  let a: string; // approved at the meeting
  let b: string; // pipeline
  let c: string; // rejected
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestContext();
    a = await underReview(t, { title: 'Fair recruitment Nepal–Malaysia', countryCodes: ['NPL'] });
    b = await underReview(t, {
      title: 'Labour mobility in East Africa',
      scope: 'REGIONAL',
      countryCodes: ['KEN', 'ETH', 'UGA'],
      governmentEndorsement: undefined,
    });
    c = await underReview(t, { title: 'Global data on labour migration', scope: 'GLOBAL', countryCodes: [] });
    await t.http
      .post(`${API}/proposals/${a}/reviews`)
      .set(await t.as(SC_UNDP))
      .send(scorecard([5, 5, 4, 4, 4, 3]))
      .expect(201);
    // 700,000 deposited, 693,000 available: enough for one proposal (583,150.81), not two.
    await deposit(t, '700000.00');
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Steering Committee — 2026 third session', date: '2026-09-15', proposalIds: [a, b, c] });
    meetingId = meeting.body.id;
  });
  afterAll(() => t.close());

  const statusOf = async (id: string) =>
    ((await t.db.query('SELECT status FROM proposals WHERE id = $1', [id])) as { status: string }[])[0]
      .status;

  it('shows the pack with each proposal side by side and the balance if each were approved', async () => {
    const pack = await t.http.get(`${API}/sc-meetings/${meetingId}/pack`).set(await t.as(SC_UNDP));
    expect(pack.status).toBe(200);
    expect(pack.body.proposals.map((p: { proposalId: string }) => p.proposalId)).toEqual([a, b, c]);
    expect(pack.body.proposals[0]).toMatchObject({ reviewCount: 1, weightedScore: '82.50', fundable: true });
    expect(pack.body.proposals[1].regions).toEqual(['Africa']);
    expect(pack.body.proposals[2].regions).toEqual(['Global']);
    expect(pack.body.availableFunds).toBe('693000.00');
    expect(pack.body.balance.ifApproved[b].byRegion.Africa).toBe('1.0000');
    expect(pack.body.balance.ifApproved[c].byRegion.Global).toBe('1.0000');
  });

  it('records nothing when one decision of the batch is refused, and names it', async () => {
    const response = await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(CHAIR))
      .send({
        decisions: [
          { proposalId: a, outcome: 'APPROVED', justification: 'Best scored', allocations: FULL_ALLOCATIONS },
          { proposalId: b, outcome: 'APPROVED', justification: 'Also good', allocations: FULL_ALLOCATIONS },
          { proposalId: c, outcome: 'REJECTED', justification: 'Duplicates existing work' },
        ],
      });
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/^decisions\[1\] \(MIG-\d{4}-\d{4}\)/);
    expect(response.body.details).toEqual([
      expect.objectContaining({
        rule: 'AVAILABLE_FUNDS',
        available: '109849.19',
        proposalId: b,
        field: 'decisions[1]',
      }),
    ]);
    expect([await statusOf(a), await statusOf(b), await statusOf(c)]).toEqual([
      'UNDER_REVIEW',
      'UNDER_REVIEW',
      'UNDER_REVIEW',
    ]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'ALLOCATION'`,
    );
    expect(n).toBe(0);
    expect((await t.db.query('SELECT count(*)::int AS n FROM sc_decisions'))[0].n).toBe(0);

    const notOnAgenda = await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(CHAIR))
      .send({ decisions: [{ proposalId: await underReview(t), outcome: 'REJECTED', justification: 'x' }] });
    expect(notOnAgenda.status).toBe(422);
    expect(notOnAgenda.body.details[0]).toMatchObject({ field: 'decisions[0].meetingId', rule: 'AGENDA' });
    const twice = await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(CHAIR))
      .send({
        decisions: [
          { proposalId: c, outcome: 'REJECTED', justification: 'x' },
          { proposalId: c, outcome: 'REJECTED', justification: 'x' },
        ],
      });
    expect(twice.status).toBe(400);
  });

  it('records the whole batch in one call', async () => {
    const response = await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(CHAIR))
      .send({
        decisions: [
          { proposalId: a, outcome: 'APPROVED', justification: 'Best scored', allocations: FULL_ALLOCATIONS },
          { proposalId: b, outcome: 'PIPELINE', justification: 'Endorsed; fund when money arrives' },
          { proposalId: c, outcome: 'REJECTED', justification: 'Duplicates existing work' },
        ],
      });
    expect(response.status).toBe(201);
    expect(response.body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual([
      'APPROVED',
      'PIPELINE',
      'REJECTED',
    ]);
    expect(response.body.decisions[1].pipelineRank).toBe(1);
    expect([await statusOf(a), await statusOf(b), await statusOf(c)]).toEqual([
      'APPROVED',
      'PIPELINE',
      'REJECTED',
    ]);
    const meeting = await t.http.get(`${API}/sc-meetings/${meetingId}/decisions`).set(await t.as(FMU));
    expect(meeting.body).toHaveLength(3);

    // The pack stays as the committee saw it (as of the agenda): the approval is not in "now".
    const pack = await t.http.get(`${API}/sc-meetings/${meetingId}/pack`).set(await t.as(CHAIR));
    expect(pack.body.allocatedTotal).toBe('0.00');
    expect(pack.body.keptAt).toEqual(expect.any(String));
    expect(pack.body.availableFunds).toBe('693000.00');
    const ifB = pack.body.balance.ifApproved[b];
    const shares = Object.values(ifB.byRegion as Record<string, string>).map((s) =>
      parseMoney(s.slice(0, -2)),
    );
    expect(shares.reduce((sum, s) => sum + s, 0n)).toBe(100n);
    expect(ifB.byRegion.Africa).toBe('1.0000');
    expect(pack.body.balance.ifAllApproved.byThematicArea['4']).toBe('1.0000');
    expect(pack.body.ifAllApproved.requestedTotal).toBe('1749452.43');
    expect(pack.body.proposals[0].decision).toMatchObject({ outcome: 'APPROVED' });
  });

  it('ranks the pipeline: new entries at the end, re-ranked by the FMU, approving removes', async () => {
    const d = await underReview(t, { title: 'Skills partnership Morocco–Spain', countryCodes: ['MAR'] });
    const pipelined = await t.http
      .post(`${API}/proposals/${d}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'PIPELINE', justification: 'Endorsed' });
    expect(pipelined.body.pipelineRank).toBe(2);
    const pipeline = await t.http.get(`${API}/pipeline`).set(await t.as(SC_UNDP));
    expect(pipeline.body).toEqual([
      expect.objectContaining({ rank: 1, proposalId: b, total: REQUESTED_TOTAL }),
      expect.objectContaining({
        rank: 2,
        proposalId: d,
        reference: expect.any(String),
        title: expect.any(String),
      }),
    ]);

    for (const proposalIds of [[d], [d, b, a], [d, d, b]]) {
      const wrong = await t.http
        .put(`${API}/pipeline`)
        .set(await t.as(FMU))
        .send({ proposalIds });
      expect(wrong.status).toBe(422);
    }
    expect(
      (
        await t.http
          .put(`${API}/pipeline`)
          .set(await t.as(CHAIR))
          .send({ proposalIds: [d, b] })
      ).status,
    ).toBe(403);
    const ranked = await t.http
      .put(`${API}/pipeline`)
      .set(await t.as(FMU))
      .send({ proposalIds: [d, b] });
    expect(ranked.status).toBe(200);
    expect(
      ranked.body.map((item: { proposalId: string; rank: number }) => [item.rank, item.proposalId]),
    ).toEqual([
      [1, d],
      [2, b],
    ]);

    // Money arrives: the first-ranked pipeline programme is approved; the rest moves up.
    await deposit(t, '600000.00');
    const approved = await t.http
      .post(`${API}/proposals/${d}/decision`)
      .set(await t.as(CHAIR))
      .send({
        outcome: 'APPROVED',
        justification: 'Funded from the 2026 deposits',
        allocations: FULL_ALLOCATIONS,
      });
    expect(approved.status).toBe(201);
    expect(approved.body.fromStatus).toBe('PIPELINE');
    const after = await t.http.get(`${API}/pipeline`).set(await t.as(FMU));
    expect(after.body).toEqual([expect.objectContaining({ rank: 1, proposalId: b })]);
    const rejected = await t.http
      .post(`${API}/proposals/${b}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'REJECTED', justification: 'Superseded by a regional programme' });
    expect(rejected.status).toBe(201);
    expect((await t.http.get(`${API}/pipeline`).set(await t.as(FMU))).body).toEqual([]);
    const programmes = await t.http.get(`${API}/programmes?status=APPROVED`).set(await t.as(IOM));
    expect(programmes.body.items.map((p: { id: string }) => p.id).sort()).toEqual([a, d].sort());
  });
});
