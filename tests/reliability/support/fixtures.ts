import { FinanceService } from '@mptf/finance';
import { eligibleProposal } from '../../proposals/proposal-fixtures';
import { doneWhenMatrix } from '../../results/results-fixtures';
import { allocateProgramme, insertProgramme, ProgrammeFixture } from '../../support/programme-fixtures';
import { TestContext } from '../../support/test-context';

export const AA = 'aa@mptf.test';
export const FMU = 'fmu@mptf.test';
export const IOM = 'iom.focal@mptf.test';
export const ADMIN = 'admin@mptf.test';
export const CHAIR = 'chair@mptf.test';

/** A deposit through the API; returns the contribution's id. */
export async function deposit(
  t: TestContext,
  amount: string,
  donorCode = 'SWE',
  date = '2026-02-01',
): Promise<string> {
  const response = await t.http
    .post('/api/v1/contributions')
    .set(await t.as(AA))
    .send({ donorCode, kind: 'DEPOSIT', currency: 'USD', amount, date });
  if (response.status !== 201)
    throw new Error(`deposit: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** An approved programme with allocations recorded through FinanceService (the SC decision's call). */
export async function allocatedProgramme(
  t: TestContext,
  allocations: { orgCode: string; amount: string }[],
  fixture: ProgrammeFixture = {},
): Promise<string> {
  const programmeId = await insertProgramme(t.db, {
    punos: allocations.map((a) => ({ orgCode: a.orgCode, direct: a.amount })),
    ...fixture,
  });
  await allocateProgramme(t, programmeId, allocations, { actor: CHAIR });
  return programmeId;
}

/** A draft proposal of IOM through the API. */
export async function draftProposal(t: TestContext): Promise<string> {
  const response = await t.http
    .post('/api/v1/proposals')
    .set(await t.as(IOM))
    .send(eligibleProposal());
  if (response.status !== 201)
    throw new Error(`proposal: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** The results matrix of the "Done when" on a programme, and one draft actual; returns their ids. */
export async function matrixWithActual(
  t: TestContext,
  programmeId: string,
): Promise<{ indicatorId: string; actualId: string }> {
  // The matrix's periods start in 2025: the programme must have started by then.
  await t.db.query(`UPDATE proposals SET start_date = '2025-01-01', duration_months = 36 WHERE id = $1`, [
    programmeId,
  ]);
  const matrix = await t.http
    .put(`/api/v1/proposals/${programmeId}/results-matrix`)
    .set(await t.as(FMU))
    .send(doneWhenMatrix());
  if (matrix.status !== 200) throw new Error(`matrix: ${matrix.status} ${JSON.stringify(matrix.body)}`);
  const [{ id: indicatorId }] = (await t.db.query(
    `SELECT id FROM indicators WHERE proposal_id = $1 AND key = 'OP1.1'`,
    [programmeId],
  )) as { id: string }[];
  const actual = await t.http
    .post(`/api/v1/indicators/${indicatorId}/actuals`)
    .set(await t.as(IOM))
    .send({
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      value: 90,
      narrative: 'Reached most of the target',
    });
  if (actual.status !== 201) throw new Error(`actual: ${actual.status} ${JSON.stringify(actual.body)}`);
  return { indicatorId, actualId: actual.body.id as string };
}

/**
 * The ledger's invariants, each violation named: every deposit has exactly one AA fee; no PUNO
 * got more than allocated (net of refunds) nor spent more than it holds; neither the AA balance
 * nor the funds available for allocation are negative.
 */
export async function ledgerViolations(t: TestContext): Promise<string[]> {
  const violations: string[] = [];
  const fees = (await t.db.query(
    `SELECT d.id, count(f.id)::int AS fees FROM ledger_entries d
       LEFT JOIN ledger_entries f ON f.related_entry_id = d.id AND f.kind = 'AA_FEE' AND f.corrects_entry_id IS NULL
      WHERE d.kind = 'DEPOSIT' AND d.corrects_entry_id IS NULL GROUP BY d.id HAVING count(f.id) <> 1`,
  )) as { id: string; fees: number }[];
  for (const row of fees) violations.push(`deposit ${row.id} has ${row.fees} AA fees`);
  const punos = (await t.db.query(
    `SELECT proposal_id, organization_id,
            coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0) AS allocated,
            coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0) AS transferred,
            coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded,
            coalesce(sum(amount) FILTER (WHERE kind = 'EXPENDITURE'), 0) AS spent
       FROM ledger_entries WHERE proposal_id IS NOT NULL GROUP BY 1, 2`,
  )) as {
    proposal_id: string;
    organization_id: string;
    allocated: string;
    transferred: string;
    refunded: string;
    spent: string;
  }[];
  for (const row of punos) {
    const [allocated, transferred, refunded, spent] = [
      row.allocated,
      row.transferred,
      row.refunded,
      row.spent,
    ].map(BigInt);
    if (transferred - refunded > allocated)
      violations.push(
        `PUNO ${row.organization_id} on ${row.proposal_id}: transferred ${transferred} > allocated ${allocated}`,
      );
    if (spent > transferred - refunded)
      violations.push(
        `PUNO ${row.organization_id} on ${row.proposal_id}: spent ${spent} > net funded ${transferred - refunded}`,
      );
  }
  const finance = t.app.get(FinanceService);
  const balance = await finance.balanceWithAdministrativeAgent();
  if (balance < 0n) violations.push(`AA balance ${balance} < 0`);
  const available = await finance.availableFunds();
  if (available < 0n) violations.push(`available funds ${available} < 0`);
  return violations;
}
