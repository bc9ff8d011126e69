import {
  ClosureKind,
  ContributionsService,
  FinanceReadService,
  FinanceService,
  ProgrammeMoneyService,
} from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { toAuthUser, User } from '@mptf/identity';
import { applyRate, Cents, Clock, formatMoney, parseMoney } from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { DemoContext, DemoStep } from './demo-context';
import { DEMO_CONTRIBUTIONS, DemoContribution, USD_PER_UNIT } from './demo-contributions.data';

export { DEMO_CONTRIBUTIONS } from './demo-contributions.data';

const AA_EMAIL = 'aa@mptf.test';

async function userByEmail(context: DemoContext, email: string): Promise<AuthUser> {
  const user = await context.dataSource.getRepository(User).findOneOrFail({ where: { email } });
  return toAuthUser(user);
}

function usdOf(contribution: DemoContribution): Cents {
  const rate = USD_PER_UNIT[contribution.currency][Number(contribution.date.slice(0, 4))];
  return applyRate(parseMoney(contribution.amount), rate);
}

async function recordedReferences(context: DemoContext): Promise<Set<string>> {
  const rows = (await context.dataSource.query(
    `SELECT reference FROM ledger_entries WHERE reference = ANY($1) AND corrects_entry_id IS NULL`,
    [DEMO_CONTRIBUTIONS.map((c) => c.reference)],
  )) as { reference: string }[];
  return new Set(rows.map((row) => row.reference));
}

/** Contributions only: programmes' money comes with the demo proposals (`seedDemoProgrammeMoney`). */
export const demoFinanceStep: DemoStep = {
  name: 'demo contributions (commitments and deposits)',
  async alreadyDone(context: DemoContext) {
    const today = context.app.get(Clock).today();
    const due = DEMO_CONTRIBUTIONS.filter((c) => c.date <= today);
    return (await recordedReferences(context)).size >= due.length;
  },
  async run(context: DemoContext) {
    const contributions = context.app.get(ContributionsService);
    const aa = await userByEmail(context, AA_EMAIL);
    const today = context.app.get(Clock).today();
    const done = await recordedReferences(context);
    let count = 0;
    for (const contribution of DEMO_CONTRIBUTIONS) {
      if (done.has(contribution.reference) || contribution.date > today) continue;
      await contributions.record(aa, {
        donorCode: contribution.donorCode,
        kind: contribution.kind,
        currency: contribution.currency,
        amount: parseMoney(contribution.amount),
        usdAmount: usdOf(contribution),
        date: contribution.date,
        earmark: contribution.earmark ? { thematicAreaCode: contribution.earmark } : null,
        reference: contribution.reference,
      });
      count += 1;
    }
    const status = await context.app.get(FinanceReadService).fundStatus();
    context.progress(
      `demo: ${count} contributions; ${status.withAdministrativeAgent.contributions} US$ deposited, balance with the AA ${status.withAdministrativeAgent.balance}`,
    );
  },
};

export type DemoProgrammeTarget = 'APPROVED' | 'ACTIVE' | 'OPERATIONALLY_CLOSED' | 'FINANCIALLY_CLOSED';

export interface DemoProgrammeMoney {
  /** The proposal id of an approved programme. */
  id: string;
  /** Where its money should take it; by default the programmes rotate through all four. */
  target?: DemoProgrammeTarget;
  /** Date of the first transfer (default: the approval date, never after today). */
  startDate?: string;
}

const ROTATION: DemoProgrammeTarget[] = [
  'ACTIVE',
  'ACTIVE',
  'APPROVED',
  'FINANCIALLY_CLOSED',
  'OPERATIONALLY_CLOSED',
];

/** Share of a tranche spent per budget category (categories 1–7 sum to 1; 8 is 7% of them). */
const SPENDING: [number, bigint][] = [
  [1, 40n],
  [2, 10n],
  [4, 25n],
  [5, 10n],
  [7, 15n],
];

/**
 * Money for approved demo programmes, through the real services: an allocation of each PUNO's
 * budgeted total when the decision did not already make one (and funds allow), then by target:
 * ACTIVE — a first tranche of 60% and a year of expenditure (resubmitted once, to show
 * history); OPERATIONALLY_CLOSED — everything transferred, 95% spent, closed; FINANCIALLY_CLOSED —
 * everything transferred, 97% spent, the rest refunded, closed both ways. Expenditure is reported
 * by a focal point of the PUNO when it has one; a PUNO without one refunds instead at financial
 * closure. Idempotent: a programme that already received a transfer is left alone.
 */
export async function seedDemoProgrammeMoney(
  context: DemoContext,
  programmes: (string | DemoProgrammeMoney)[],
): Promise<void> {
  const finance = context.app.get(FinanceService);
  const money = context.app.get(ProgrammeMoneyService);
  const read = context.app.get(FinanceReadService);
  const clock = context.app.get(Clock);
  const settings = await context.app.get(ReferenceService).fundSettings();
  const aa = await userByEmail(context, AA_EMAIL);
  const today = clock.today();
  let historyShown = false;

  for (const [index, item] of programmes.entries()) {
    const plan = typeof item === 'string' ? { id: item } : item;
    const target = plan.target ?? ROTATION[index % ROTATION.length];
    const [programme] = (await context.dataSource.query(
      `SELECT p.status, p.reference, p.thematic_area_code AS area,
              (SELECT to_char(max(c.occurred_at), 'YYYY-MM-DD') FROM proposal_status_changes c
                WHERE c.proposal_id = p.id AND c.to_status = 'APPROVED') AS approved_on,
              EXISTS (SELECT 1 FROM ledger_entries e WHERE e.proposal_id = p.id AND e.kind = 'TRANSFER') AS transferred
         FROM proposals p WHERE p.id = $1`,
      [plan.id],
    )) as {
      status: string;
      reference: string;
      area: number;
      approved_on: string | null;
      transferred: boolean;
    }[];
    if (!programme || programme.status !== 'APPROVED' || programme.transferred) continue;

    const punos = (await context.dataSource.query(
      `SELECT o.code, coalesce(sum(b.amount) FILTER (WHERE b.category_code <= 7), 0)::text AS direct,
              (SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e
                WHERE e.proposal_id = po.proposal_id AND e.organization_id = o.id AND e.kind = 'ALLOCATION')::text AS allocated
         FROM proposal_organizations po JOIN organizations o ON o.id = po.organization_id
         LEFT JOIN proposal_budget_lines b ON b.proposal_id = po.proposal_id AND b.organization_id = o.id
        WHERE po.proposal_id = $1
        GROUP BY o.code, o.id, po.proposal_id, po.position ORDER BY po.position, o.code`,
      [plan.id],
    )) as { code: string; direct: string; allocated: string }[];
    let allocations = punos.map((puno) => ({ orgCode: puno.code, amount: BigInt(puno.allocated) }));
    if (allocations.every((allocation) => allocation.amount === 0n)) {
      allocations = punos.map((puno) => {
        const direct = BigInt(puno.direct);
        return { orgCode: puno.code, amount: direct + applyRate(direct, settings.indirectRate) };
      });
      const total = allocations.reduce((sum, allocation) => sum + allocation.amount, 0n);
      const available = await finance.availableFunds(undefined, { thematicAreaCode: programme.area });
      if (total === 0n || total > available) {
        context.progress(`demo: ${programme.reference} left unfunded (needs ${formatMoney(total)})`);
        continue;
      }
      await context.dataSource.transaction((manager) =>
        finance.allocate(manager, {
          programmeId: plan.id,
          actor: aa,
          date: programme.approved_on && programme.approved_on <= today ? programme.approved_on : today,
          allocations: allocations.map(({ orgCode, amount }) => ({ orgCode, amountCents: amount })),
        }),
      );
    }
    if (target === 'APPROVED') continue;

    const start = minDate(plan.startDate ?? programme.approved_on ?? today, today);
    const year = Number(start.slice(0, 4));
    const share = target === 'ACTIVE' ? 60n : 100n;
    const spent = target === 'ACTIVE' ? 45n : target === 'OPERATIONALLY_CLOSED' ? 95n : 97n;
    for (const { orgCode, amount } of allocations) {
      const tranche = (amount * share) / 100n;
      if (tranche <= 0n) continue;
      await money.transfer(aa, plan.id, { orgCode, amount: tranche, date: start });
      const focal = await focalPointOf(context, orgCode);
      if (focal) {
        const firstYear = spentInFirstYear(target, year, today, amount, (tranche * spent) / 100n);
        const lines = expenditureLines(firstYear, settings.indirectRate);
        await money.recordExpenditure(focal, plan.id, { orgCode, year, lines });
        if (!historyShown && target === 'ACTIVE') {
          // A corrected report for the same year: the ledger keeps both versions.
          const corrected = expenditureLines((tranche * (spent - 5n)) / 100n, settings.indirectRate);
          await money.recordExpenditure(focal, plan.id, { orgCode, year, lines: corrected });
          historyShown = true;
        }
      }
      for (const later of laterYears(start, today, target, amount, tranche)) {
        if (later.transfer > 0n)
          await money.transfer(aa, plan.id, { orgCode, amount: later.transfer, date: later.date });
        if (focal && later.spent > 0n)
          await money.recordExpenditure(focal, plan.id, {
            orgCode,
            year: later.year,
            lines: expenditureLines(later.spent, settings.indirectRate),
          });
      }
    }
    if (target === 'ACTIVE') continue;

    await money.close(aa, plan.id, ClosureKind.OPERATIONAL);
    if (target === 'FINANCIALLY_CLOSED') {
      const detail = await read.programme(undefined, plan.id);
      for (const puno of detail.organizations) {
        const held = parseMoney(puno.balance);
        if (held > 0n) await money.refund(aa, plan.id, { orgCode: puno.orgCode, amount: held, date: today });
      }
      await money.close(aa, plan.id, ClosureKind.FINANCIAL);
    }
  }
  const status = await read.fundStatus();
  context.progress(
    `demo: programme money for ${programmes.length} programmes; transferred ${status.withParticipatingOrganizations.transfers}, spent ${status.withParticipatingOrganizations.expenditure}`,
  );
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** The first year's spending: a closed programme that ran over two years spent 40 % of its allocation in it. */
function spentInFirstYear(
  target: DemoProgrammeTarget,
  year: number,
  today: string,
  amount: Cents,
  total: Cents,
): Cents {
  const closed = target === 'OPERATIONALLY_CLOSED' || target === 'FINANCIALLY_CLOSED';
  return closed && year < Number(today.slice(0, 4)) ? minCents(total, (amount * 40n) / 100n) : total;
}

/**
 * A programme started in an earlier year goes on in the years after (up to today), as real ones
 * do, so every past year of the demo has transfers and expenditure: an ACTIVE one receives the
 * rest of its allocation a year after its start and reports 35 % of it for each later full year;
 * a closed one reports the rest of its spending for the year after its start.
 */
function laterYears(
  start: string,
  today: string,
  target: DemoProgrammeTarget,
  amount: Cents,
  tranche: Cents,
): { year: number; date: string; transfer: Cents; spent: Cents }[] {
  const first = Number(start.slice(0, 4));
  const current = Number(today.slice(0, 4));
  if (first >= current) return [];
  if (target !== 'ACTIVE') {
    const total = (amount * (target === 'OPERATIONALLY_CLOSED' ? 95n : 97n)) / 100n;
    const firstYear = spentInFirstYear(target, first, today, amount, total);
    return [{ year: first + 1, date: start, transfer: 0n, spent: total - firstYear }];
  }
  const anniversary = `${first + 1}${start.slice(4)}`;
  const years: { year: number; date: string; transfer: Cents; spent: Cents }[] = [];
  let transferred = tranche;
  let spentSoFar = (tranche * 45n) / 100n;
  for (let year = first + 1; year < current; year++) {
    const transfer = year === first + 1 && anniversary <= today ? amount - tranche : 0n;
    transferred += transfer;
    const spent = minCents((amount * 35n) / 100n, transferred - spentSoFar);
    spentSoFar += spent;
    years.push({ year, date: anniversary, transfer, spent });
  }
  return years;
}

function minCents(a: Cents, b: Cents): Cents {
  return a < b ? a : b;
}

/** Lines for categories 1–7 summing to `direct`, plus category 8 at the indirect rate. */
function expenditureLines(total: Cents, indirectRate: string): { categoryCode: number; amount: Cents }[] {
  // total = direct + indirect: split it so that category 8 is the indirect share of the direct part.
  const direct = (total * 100n) / (100n + applyRate(100n, indirectRate));
  const lines = SPENDING.map(([categoryCode, percent]) => ({
    categoryCode,
    amount: (direct * percent) / 100n,
  }));
  const allocated = lines.reduce((sum, line) => sum + line.amount, 0n);
  lines[0].amount += direct - allocated;
  lines.push({ categoryCode: 8, amount: total - direct });
  return lines;
}

async function focalPointOf(context: DemoContext, orgCode: string): Promise<AuthUser | null> {
  const [row] = (await context.dataSource.query(
    `SELECT u.email FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE o.code = $1 AND u.active AND 'AGENCY_FOCAL_POINT' = ANY(u.roles) ORDER BY u.email LIMIT 1`,
    [orgCode],
  )) as { email: string }[];
  return row ? userByEmail(context, row.email) : null;
}
