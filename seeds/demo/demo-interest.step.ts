import { FundEntriesService, LedgerKind } from '@mptf/finance';
import { toAuthUser, User } from '@mptf/identity';
import { Clock, parseMoney } from '@mptf/platform';
import { DemoContext, DemoStep } from './demo-context';

/** Interest the Administrative Agent earned on the fund's balance, per year, booked on 31 December. */
export const DEMO_INTEREST: { year: number; amount: string }[] = [
  { year: 2020, amount: '1250.00' },
  { year: 2021, amount: '18400.00' },
  { year: 2022, amount: '96300.00' },
  { year: 2023, amount: '312750.00' },
  { year: 2024, amount: '405120.00' },
  { year: 2025, amount: '356980.00' },
];

const description = (year: number) => `Interest earned on the fund's balance in ${year}`;

/** The demo's interest of the years already over (a year's interest is booked at its end). */
function due(today: string) {
  return DEMO_INTEREST.filter((entry) => `${entry.year}-12-31` < today);
}

async function booked(context: DemoContext): Promise<Set<string>> {
  const rows = (await context.dataSource.query(
    `SELECT description FROM ledger_entries WHERE kind = $1 AND description = ANY($2)`,
    [LedgerKind.INTEREST, DEMO_INTEREST.map((entry) => description(entry.year))],
  )) as { description: string }[];
  return new Set(rows.map((row) => row.description));
}

/**
 * Interest income of the fund, one entry a year through the real service, so the annual report's
 * "Interest income" line and the contributor statement's share of it are not empty. Idempotent by
 * the entry's description.
 */
export const demoInterestStep: DemoStep = {
  name: 'demo interest income',
  async alreadyDone(context: DemoContext) {
    const today = context.app.get(Clock).today();
    const done = await booked(context);
    return due(today).every((entry) => done.has(description(entry.year)));
  },
  async run(context: DemoContext) {
    const entries = context.app.get(FundEntriesService);
    const aa = toAuthUser(
      await context.dataSource.getRepository(User).findOneOrFail({ where: { email: 'aa@mptf.test' } }),
    );
    const done = await booked(context);
    let count = 0;
    for (const entry of due(context.app.get(Clock).today())) {
      if (done.has(description(entry.year))) continue;
      await entries.record(aa, {
        kind: LedgerKind.INTEREST,
        amount: parseMoney(entry.amount),
        date: `${entry.year}-12-31`,
        description: description(entry.year),
      });
      count += 1;
    }
    context.progress(`demo: ${count} years of interest income`);
  },
};
