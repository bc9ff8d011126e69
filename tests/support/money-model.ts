import { FinanceService } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import fc from 'fast-check';
import { allocatedProgramme, deposit, ledgerViolations } from '../reliability/support/fixtures';
import { TestContext } from './test-context';

/**
 * Random sequences of money entries and reversals driven through the HTTP API, checked after
 * every step against a model kept here with plain arithmetic: whether the API accepts or refuses
 * each request, and every figure it shows. Each sequence runs on a new programme (PUNOs IOM and
 * UNICEF); fund-wide figures are compared as changes since the sequence began, so sequences can
 * share one database.
 */
export type Puno = 'IOM' | 'UNICEF';
export type MoneyOp =
  | { kind: 'DEPOSIT' | 'INTEREST' | 'BANK_CHARGE'; cents: bigint }
  | { kind: 'TRANSFER' | 'REFUND'; puno: Puno; cents: bigint; day: number }
  | { kind: 'EXPENDITURE'; puno: Puno; cents: bigint }
  | { kind: 'REVERSE'; pick: number; concurrent: boolean };

const PUNOS: Puno[] = ['IOM', 'UNICEF'];
const FOCAL: Record<Puno, string> = { IOM: 'iom.focal@mptf.test', UNICEF: 'unicef.focal@mptf.test' };
const AA = 'aa@mptf.test';
const ALLOCATION: Record<Puno, bigint> = { IOM: 4_000_000n, UNICEF: 3_000_000n };

export const moneyOps = (maxLength: number): fc.Arbitrary<MoneyOp[]> => {
  const cents = fc.integer({ min: 1, max: 6_000_000 }).map(BigInt);
  const puno = fc.constantFrom<Puno>(...PUNOS);
  return fc.array(
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constantFrom('DEPOSIT' as const, 'INTEREST' as const, 'BANK_CHARGE' as const),
          // From 1.00: a deposit below 0.50 carries no AA fee entry at all.
          cents: cents.map((value) => value + 99n),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constantFrom('TRANSFER' as const, 'REFUND' as const),
          puno,
          cents,
          day: fc.integer({ min: 1, max: 300 }),
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('EXPENDITURE' as const), puno, cents }) },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('REVERSE' as const),
          pick: fc.nat(),
          concurrent: fc.boolean(),
        }),
      },
    ),
    { minLength: Math.ceil(maxLength / 2), maxLength },
  );
};

/** An entry the sequence recorded, which a later step may reverse. */
interface Recorded {
  kind: 'DEPOSIT' | 'INTEREST' | 'BANK_CHARGE' | 'TRANSFER' | 'REFUND' | 'EXPENDITURE';
  id: string;
  cents: bigint;
  /** Net of the AA fee, for a deposit. */
  net: bigint;
  puno?: Puno;
  date?: string;
  reversed: boolean;
  /** Expenditure reports: replaced by a later report of the year. */
  superseded?: boolean;
}

export interface SequenceFigures {
  steps: number;
  accepted: number;
  refused: number;
  reversals: number;
  concurrentReversals: number;
  problems: string[];
}

const fee = (cents: bigint) => (cents + 50n) / 100n; // 1 %, half up (amounts are positive)
const rate = (part: bigint, whole: bigint) =>
  whole === 0n ? '0.0000' : formatRate((part * 20000n + whole) / (2n * whole));
const formatRate = (scaled: bigint) => `${scaled / 10000n}.${(scaled % 10000n).toString().padStart(4, '0')}`;
const dateOf = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);

/** Runs one sequence on a new programme; returns what happened and every disagreement with the model. */
export async function runMoneySequence(t: TestContext, ops: MoneyOp[]): Promise<SequenceFigures> {
  const aa = await t.as(AA);
  const figures: SequenceFigures = {
    steps: 0,
    accepted: 0,
    refused: 0,
    reversals: 0,
    concurrentReversals: 0,
    problems: [],
  };
  // Enough free money for the allocations, then the programme.
  await deposit(t, '80000.00', 'SWE', '2026-01-02');
  const programmeId = await allocatedProgramme(t, [
    { orgCode: 'IOM', amount: formatMoney(ALLOCATION.IOM) },
    { orgCode: 'UNICEF', amount: formatMoney(ALLOCATION.UNICEF) },
  ]);
  const finance = t.app.get(FinanceService);
  const baseline = await fundStatus(t);
  const model = {
    free: await finance.availableFunds(),
    aa: { contributions: 0n, interest: 0n, aaFees: 0n, bankCharges: 0n, transfers: 0n, refunds: 0n },
    puno: Object.fromEntries(
      PUNOS.map((p) => [p, { transferred: 0n, refunded: 0n, expenditure: 0n }]),
    ) as Record<Puno, { transferred: bigint; refunded: bigint; expenditure: bigint }>,
  };
  const recorded: Recorded[] = [];
  const standingTransfers = () => recorded.filter((r) => r.kind === 'TRANSFER' && !r.reversed);
  const held = (p: Puno) => model.puno[p].transferred - model.puno[p].refunded - model.puno[p].expenditure;
  const active = () => standingTransfers().length > 0;

  const expectStatus = (step: string, status: number, allowed: boolean, body: unknown) => {
    const ok = allowed ? status === 201 : status === 409 || status === 422;
    if (!ok)
      figures.problems.push(
        `${step}: model says ${allowed ? 'accept' : 'refuse'}, API ${status} ${JSON.stringify(body).slice(0, 200)}`,
      );
    if (status === 201) figures.accepted += 1;
    else figures.refused += 1;
    return status === 201;
  };

  for (const [index, op] of ops.entries()) {
    figures.steps += 1;
    const step = `step ${index} ${JSON.stringify(op, (_k, v: unknown) => (typeof v === 'bigint' ? formatMoney(v) : v))}`;
    if (op.kind === 'DEPOSIT' || op.kind === 'INTEREST' || op.kind === 'BANK_CHARGE') {
      const allowed = op.kind !== 'BANK_CHARGE' || op.cents <= model.free;
      const response =
        op.kind === 'DEPOSIT'
          ? await t.http
              .post('/api/v1/contributions')
              .set(aa)
              .send({
                donorCode: 'DNK',
                kind: 'DEPOSIT',
                currency: 'USD',
                amount: formatMoney(op.cents),
                date: '2026-02-01',
              })
          : await t.http
              .post('/api/v1/fund/entries')
              .set(aa)
              .send({ kind: op.kind, amount: formatMoney(op.cents), date: '2026-02-01' });
      if (expectStatus(step, response.status, allowed, response.body)) {
        const net =
          op.kind === 'DEPOSIT' ? op.cents - fee(op.cents) : op.kind === 'INTEREST' ? op.cents : -op.cents;
        model.free += net;
        if (op.kind === 'DEPOSIT') {
          model.aa.contributions += op.cents;
          model.aa.aaFees += fee(op.cents);
        } else if (op.kind === 'INTEREST') model.aa.interest += op.cents;
        else model.aa.bankCharges += op.cents;
        recorded.push({
          kind: op.kind,
          id: response.body.id as string,
          cents: op.cents,
          net,
          reversed: false,
        });
      }
    } else if (op.kind === 'TRANSFER' || op.kind === 'REFUND') {
      const m = model.puno[op.puno];
      const aaBalance = parseMoney(baseline.withAdministrativeAgent.balance) + aaBalanceOf(model.aa);
      const allowed =
        op.kind === 'TRANSFER'
          ? op.cents <= ALLOCATION[op.puno] - m.transferred && op.cents <= aaBalance
          : active() && op.cents <= held(op.puno);
      const date = dateOf(op.day);
      const response = await t.http
        .post(`/api/v1/programmes/${programmeId}/${op.kind === 'TRANSFER' ? 'transfers' : 'refunds'}`)
        .set(aa)
        .send({ orgCode: op.puno, amount: formatMoney(op.cents), date });
      if (expectStatus(step, response.status, allowed, response.body)) {
        if (op.kind === 'TRANSFER') {
          m.transferred += op.cents;
          model.aa.transfers += op.cents;
        } else {
          m.refunded += op.cents;
          model.aa.refunds += op.cents;
          model.free += op.cents;
        }
        recorded.push({
          kind: op.kind,
          id: response.body.id as string,
          cents: op.cents,
          net: op.cents,
          puno: op.puno,
          date,
          reversed: false,
        });
      }
    } else if (op.kind === 'EXPENDITURE') {
      const m = model.puno[op.puno];
      const allowed = active() && op.cents <= m.transferred - m.refunded;
      const response = await t.http
        .post(`/api/v1/programmes/${programmeId}/expenditures`)
        .set(await t.as(FOCAL[op.puno]))
        .send({ orgCode: op.puno, year: 2026, lines: [{ categoryCode: 1, amount: formatMoney(op.cents) }] });
      if (expectStatus(step, response.status, allowed, response.body)) {
        m.expenditure = op.cents;
        for (const report of recorded)
          if (report.kind === 'EXPENDITURE' && report.puno === op.puno) report.superseded = true;
        recorded.push({
          kind: 'EXPENDITURE',
          id: response.body.id as string,
          cents: op.cents,
          net: op.cents,
          puno: op.puno,
          reversed: false,
        });
      }
    } else if (op.kind === 'REVERSE') {
      const candidates = recorded.filter((r) => !r.reversed);
      if (!candidates.length) continue;
      const target = candidates[op.pick % candidates.length];
      let allowed = true;
      if (target.kind === 'DEPOSIT' || target.kind === 'INTEREST') allowed = target.net <= model.free;
      if (target.kind === 'TRANSFER') allowed = target.cents <= held(target.puno!);
      if (target.kind === 'REFUND') allowed = target.cents <= model.free;
      if (target.kind === 'EXPENDITURE') allowed = !target.superseded;
      const path =
        target.kind === 'DEPOSIT'
          ? `/contributions/${target.id}`
          : target.kind === 'INTEREST' || target.kind === 'BANK_CHARGE'
            ? `/fund/entries/${target.id}`
            : `/programmes/${programmeId}/${{ TRANSFER: 'transfers', REFUND: 'refunds', EXPENDITURE: 'expenditures' }[target.kind]}/${target.id}`;
      const as = target.kind === 'EXPENDITURE' ? await t.as(FOCAL[target.puno!]) : aa;
      const send = () =>
        t.http
          .post(`/api/v1${path}/reverse`)
          .set(as)
          .send({ reason: `Reversal at ${step.slice(0, 60)}` });
      const responses = op.concurrent ? await Promise.all([send(), send()]) : [await send()];
      figures.reversals += 1;
      if (op.concurrent) figures.concurrentReversals += 1;
      const statuses = responses.map((r) => r.status).sort();
      const expected = allowed ? (op.concurrent ? [201, 409] : [201]) : responses.map(() => 409);
      if (JSON.stringify(statuses) !== JSON.stringify(expected))
        figures.problems.push(
          `${step} reversing ${target.kind}: expected ${expected}, got ${statuses} ${JSON.stringify(responses.map((r) => r.body)).slice(0, 300)}`,
        );
      if (statuses.includes(201)) {
        figures.accepted += 1;
        target.reversed = true;
        const m = target.puno ? model.puno[target.puno] : undefined;
        if (target.kind === 'DEPOSIT') {
          model.free -= target.net;
          model.aa.contributions -= target.cents;
          model.aa.aaFees -= fee(target.cents);
        } else if (target.kind === 'INTEREST') {
          model.free -= target.cents;
          model.aa.interest -= target.cents;
        } else if (target.kind === 'BANK_CHARGE') {
          model.free += target.cents;
          model.aa.bankCharges -= target.cents;
        } else if (target.kind === 'TRANSFER') {
          m!.transferred -= target.cents;
          model.aa.transfers -= target.cents;
        } else if (target.kind === 'REFUND') {
          m!.refunded -= target.cents;
          model.aa.refunds -= target.cents;
          model.free -= target.cents;
        } else m!.expenditure = 0n;
      } else figures.refused += 1;
    }
    figures.problems.push(...(await compare(t, step, programmeId, baseline, model, standingTransfers())));
    if (figures.problems.length > 5) break;
  }
  figures.problems.push(...(await ledgerViolations(t)));
  return figures;
}

type FundStatus = Record<
  'withAdministrativeAgent' | 'withParticipatingOrganizations',
  Record<string, string>
>;

async function fundStatus(t: TestContext): Promise<FundStatus> {
  return (await t.http.get('/api/v1/fund/status').set(await t.as(AA))).body as FundStatus;
}

function aaBalanceOf(aa: Record<string, bigint>): bigint {
  return aa.contributions + aa.interest - aa.aaFees - aa.bankCharges - aa.transfers + aa.refunds;
}

/** The API's figures against the model's; one line per disagreement. */
async function compare(
  t: TestContext,
  step: string,
  programmeId: string,
  baseline: FundStatus,
  model: {
    free: bigint;
    aa: Record<string, bigint>;
    puno: Record<Puno, { transferred: bigint; refunded: bigint; expenditure: bigint }>;
  },
  standing: Recorded[],
): Promise<string[]> {
  const problems: string[] = [];
  const status = await fundStatus(t);
  const aa = status.withAdministrativeAgent;
  const delta = (key: string) => parseMoney(aa[key]) - parseMoney(baseline.withAdministrativeAgent[key]);
  const expected: Record<string, bigint> = { ...model.aa, balance: aaBalanceOf(model.aa) };
  for (const [key, value] of Object.entries(expected))
    if (delta(key) !== value)
      problems.push(
        `${step}: fund status ${key} moved by ${formatMoney(delta(key))}, model ${formatMoney(value)}`,
      );
  if (parseMoney(aa.balance) < 0n) problems.push(`${step}: AA balance ${aa.balance} < 0`);
  const free = await t.app.get(FinanceService).availableFunds();
  if (free !== (model.free > 0n ? model.free : 0n))
    problems.push(`${step}: available ${formatMoney(free)}, model ${formatMoney(model.free)}`);

  const programme = (await t.http.get(`/api/v1/programmes/${programmeId}`).set(await t.as(AA))).body as {
    status: string;
    startDate: string | null;
    transferred: string;
    refunded: string;
    expenditure: string;
    netFunded: string;
    deliveryRate: string;
    organizations: {
      orgCode: Puno;
      transferred: string;
      refunded: string;
      expenditure: string;
      balance: string;
    }[];
  };
  const total = (key: 'transferred' | 'refunded' | 'expenditure') =>
    PUNOS.reduce((sum, p) => sum + model.puno[p][key], 0n);
  const net = total('transferred') - total('refunded');
  const want = {
    status: standing.length ? 'ACTIVE' : 'APPROVED',
    // The date of the first transfer recorded that still stands.
    startDate: standing.length ? standing[0].date : null,
    transferred: formatMoney(total('transferred')),
    refunded: formatMoney(total('refunded')),
    expenditure: formatMoney(total('expenditure')),
    netFunded: formatMoney(net),
    deliveryRate: rate(total('expenditure'), net),
  };
  const got = Object.fromEntries(Object.keys(want).map((key) => [key, programme[key as keyof typeof want]]));
  if (JSON.stringify(got) !== JSON.stringify(want))
    problems.push(`${step}: programme ${JSON.stringify(got)}, model ${JSON.stringify(want)}`);
  for (const org of programme.organizations) {
    const m = model.puno[org.orgCode];
    const balance = m.transferred - m.refunded - m.expenditure;
    if (org.balance !== formatMoney(balance) || parseMoney(org.balance) < 0n)
      problems.push(`${step}: ${org.orgCode} holds ${org.balance}, model ${formatMoney(balance)}`);
    if (m.transferred > ALLOCATION[org.orgCode])
      problems.push(`${step}: ${org.orgCode} transferred above its allocation`);
  }
  const drift = (await t.db.query(
    `SELECT s.organization_id FROM puno_ledger_sums s
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0) AS transferred,
                coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded,
                coalesce(sum(amount) FILTER (WHERE kind = 'EXPENDITURE'), 0) AS expenditure
           FROM ledger_entries e WHERE e.proposal_id = s.proposal_id AND e.organization_id = s.organization_id) l
      WHERE s.proposal_id = $1
        AND (s.transferred, s.refunded, s.expenditure) IS DISTINCT FROM (l.transferred, l.refunded, l.expenditure)`,
    [programmeId],
  )) as unknown[];
  if (drift.length) problems.push(`${step}: puno_ledger_sums drifted from the ledger`);
  return problems;
}
