import { FinanceService } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { requireRoute } from '../support/routes';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { reportFigure, size } from './support/figures';
import { AA, allocatedProgramme, CHAIR, deposit, ledgerViolations } from './support/fixtures';

/**
 * Races on one balance: 50 requests at once that together ask for five times what is there.
 * Exactly what fits goes through, every other request is a clean 409, and the ledger's invariants
 * hold afterwards. Repeated for several rounds in the full run.
 */
describe('reliability: races on one balance', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    // A listening server, so the parallel requests share it instead of each binding one.
    await new Promise<void>((listening) => t.app.getHttpServer().listen(0, '127.0.0.1', listening));
  });
  afterAll(() => t.close());

  it('50 concurrent transfers against an allocation that fits 10: 10 recorded, 40 refused, ledger intact', async () => {
    const rounds = size(10, 1);
    const aa = await t.as(AA);
    const problems: string[] = [];
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < rounds; round++) {
      // 1,010,101.01 deposited − 10,101.01 AA fee = exactly 1,000,000.00 more with the AA.
      await deposit(t, '1010101.01', 'SWE', '2026-02-01');
      const programmeId = await allocatedProgramme(t, [{ orgCode: 'IOM', amount: '1000000.00' }]);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_unused, index) =>
          t.http
            .post(`/api/v1/programmes/${programmeId}/transfers`)
            .set(aa)
            .send({
              orgCode: 'IOM',
              amount: '100000.00',
              date: `2026-03-${String((index % 28) + 1).padStart(2, '0')}`,
            }),
        ),
      );
      const ok = responses.filter((response) => response.status === 201).length;
      const conflicts = responses.filter((response) => response.status === 409).length;
      accepted += ok;
      refused += conflicts;
      if (ok !== 10 || conflicts !== 40)
        problems.push(
          `round ${round}: ${ok} recorded, ${conflicts} refused, others ${responses.map((r) => r.status).filter((s) => s !== 201 && s !== 409)}`,
        );
      const [{ total }] = (await t.db.query(
        `SELECT coalesce(sum(amount), 0)::text AS total FROM ledger_entries WHERE kind = 'TRANSFER' AND proposal_id = $1`,
        [programmeId],
      )) as { total: string }[];
      if (BigInt(total) !== parseMoney('1000000.00'))
        problems.push(`round ${round}: transferred ${formatMoney(total)}`);
    }
    problems.push(...(await ledgerViolations(t)));
    reportFigure(
      'races',
      `transfers: ${rounds} round(s) of 50 (recorded/refused)`,
      `${accepted}/${refused}`,
      `${rounds * 10}/${rounds * 40}`,
      accepted === rounds * 10,
    );
    reportFigure(
      'races',
      'transfers: over-transfers and ledger violations',
      problems.length,
      '0',
      problems.length === 0,
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('50 concurrent approvals against funds that fit 10: no over-allocation, ledger intact', async () => {
    requireRoute(t.app, 'POST', '/api/v1/proposals/:id/decision');
    const rounds = size(5, 1);
    const chair = await t.as(CHAIR);
    const problems: string[] = [];
    let approved = 0;
    for (let round = 0; round < rounds; round++) {
      // Spend whatever is free first, so the round starts from a known balance of 1,000,000.00.
      const free = await t.app.get(FinanceService).availableFunds();
      if (free > 0n) await allocatedProgramme(t, [{ orgCode: 'UNDP', amount: formatMoney(free) }]);
      await deposit(t, '1010101.01', 'NOR', '2026-02-02');
      const proposals = await Promise.all(
        Array.from({ length: 50 }, () =>
          insertProgramme(t.db, {
            status: 'UNDER_REVIEW',
            punos: [
              { orgCode: 'IOM', direct: '100000.00' },
              { orgCode: 'UNICEF', direct: '100000.00' },
            ],
          }),
        ),
      );
      const responses = await Promise.all(
        proposals.map((id) =>
          t.http
            .post(`/api/v1/proposals/${id}/decision`)
            .set(chair)
            .send({
              outcome: 'APPROVED',
              justification: 'Race test',
              allocations: [{ orgCode: 'IOM', amount: '100000.00' }],
            }),
        ),
      );
      const ok = responses.filter((response) => response.status < 300).length;
      approved += ok;
      const bad = responses.filter((response) => response.status >= 300 && response.status !== 409);
      if (ok !== 10) problems.push(`round ${round}: ${ok} approved (expected 10)`);
      for (const response of bad)
        problems.push(`round ${round}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
    }
    problems.push(...(await ledgerViolations(t)));
    reportFigure(
      'races',
      `approvals: ${rounds} round(s) of 50 (approved)`,
      approved,
      `${rounds * 10}`,
      approved === rounds * 10,
    );
    reportFigure(
      'races',
      'approvals: over-allocations and ledger violations',
      problems.length,
      '0',
      problems.length === 0,
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
