import 'reflect-metadata';
import { PasswordHasher } from '@mptf/identity';
import { MIGRATIONS } from '@mptf/migrations';
import { createScriptDataSource, prepareDatabase } from '@mptf/platform';
import { DEMO_PASSWORD, DEMO_USERS, seedReference } from '@mptf/seeds';
import { Client } from 'pg';
import { insertLedger } from './generate/ledger';
import { plan } from './generate/plan';
import { DEFAULT_SIZE, PortfolioSize } from './generate/portfolio-size';
import { insertProposals } from './generate/proposals';
import { insertResults } from './generate/results';
import { insertReviews } from './generate/reviews';
import { ProgressLine } from './lib/progress';

export { DEFAULT_SIZE } from './generate/portfolio-size';
export type { PortfolioSize } from './generate/portfolio-size';

/**
 * The benchmark portfolio: a large, consistent fund generated in SQL (INSERT … SELECT over
 * generate_series, batch by batch) into its own database, created fresh each run.
 *
 * Every row obeys the schema's CHECK constraints and the domain's rules: statuses with their full
 * timeline, deposits (minus the 1% AA fee) that cover every allocation, transfers within
 * allocations, expenditure within transfers (closed programmes spent everything but their refund),
 * results matrices with targets per period and approved actuals for past periods. The parts are
 * in generate/: the plan of every proposal, then proposals, ledger, results and reviews.
 */

/** Where the portfolio goes unless BENCH_DATABASE_URL says otherwise. */
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mptf_bench';

export interface GeneratedPortfolio {
  databaseUrl: string;
  size: PortfolioSize;
  rows: Record<string, number>;
  seconds: number;
}

const BATCH = 10_000;

/** Drops and recreates the database, migrates it, seeds reference data and the demo users. */
async function freshDatabase(databaseUrl: string): Promise<void> {
  const admin = new URL(databaseUrl);
  const name = decodeURIComponent(admin.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database "${name}"`);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await prepareDatabase(databaseUrl, MIGRATIONS);
  const dataSource = createScriptDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    await dataSource.transaction((manager) => seedReference(manager));
  } finally {
    await dataSource.destroy();
  }
}

/** The size a database was generated with (stored as the database comment), or null. */
export async function generatedSize(databaseUrl: string): Promise<PortfolioSize | null> {
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const { rows } = await client.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $1) AS comment FROM pg_database WHERE datname = current_database()',
      ['pg_database'],
    );
    const parsed = rows[0]?.comment ? (JSON.parse(rows[0].comment) as { benchSize?: PortfolioSize }) : null;
    return parsed?.benchSize ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

export async function generatePortfolio(
  databaseUrl: string = DEFAULT_BENCH_DATABASE_URL,
  size: PortfolioSize = DEFAULT_SIZE,
): Promise<GeneratedPortfolio> {
  if (size.programmes > size.proposals) throw new Error('programmes cannot exceed proposals');
  if (size.punosPerProgramme < 2) throw new Error('a joint programme has at least two PUNOs');
  const progress = new ProgressLine('generate');
  const started = Date.now();
  progress.update('fresh database, migrations, reference data');
  await freshDatabase(databaseUrl);

  const db = new Client({ connectionString: databaseUrl, application_name: 'mptf-bench-generate' });
  await db.connect();
  try {
    progress.update('demo users');
    const hash = await new PasswordHasher().hash(DEMO_PASSWORD);
    await db.query(
      `INSERT INTO users (email, name, password_hash, roles, organization_id)
       SELECT u.email, u.name, $1, string_to_array(u.roles, ','), o.id
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(email, name, roles, org)
         JOIN organizations o ON o.code = u.org`,
      [
        hash,
        DEMO_USERS.map((u) => u.email),
        DEMO_USERS.map((u) => u.name),
        DEMO_USERS.map((u) => u.roles.join(',')),
        DEMO_USERS.map((u) => u.organizationCode),
      ],
    );
    await plan(db, size);

    const N = size.proposals;
    for (let from = 1; from <= N; from += BATCH) {
      const to = Math.min(from + BATCH - 1, N);
      await insertProposals(db, from, to, size);
      progress.update('proposals with PUNOs, budgets, countries, objectives, revisions, timelines', to, N);
    }
    progress.update('ledger: commitments, deposits, AA fees, allocations, transfers, expenditure, refunds');
    await insertLedger(db, size);
    const P = size.programmes;
    const step = Math.max(1, Math.floor(BATCH / Math.max(1, size.indicatorsPerProgramme)));
    for (let from = 1; from <= P; from += step) {
      const to = Math.min(from + step - 1, P);
      await insertResults(db, from, to, size);
      progress.update('results matrices, targets and approved actuals', to, P);
    }
    await insertReviews(db, progress);
    // New proposals are numbered after the generated ones, whatever their year.
    await db.query('SELECT setval(proposal_number_sequence(y), $1) FROM generate_series(2019, 2030) y', [N]);
    // The steady state autovacuum reaches on its own: statistics and visibility maps set.
    progress.update('VACUUM ANALYZE');
    await db.query('VACUUM ANALYZE');
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    await db.query(
      `COMMENT ON DATABASE "${name}" IS '${JSON.stringify({ benchSize: size }).replace(/'/g, "''")}'`,
    );
    const rows = await countRows(db);
    const seconds = (Date.now() - started) / 1000;
    progress.done(
      `${rows.proposals.toLocaleString('en-US')} proposals, ${rows.ledger_entries.toLocaleString('en-US')} ledger entries, ${rows.indicator_targets.toLocaleString('en-US')} targets`,
    );
    return { databaseUrl, size, rows, seconds };
  } finally {
    await db.end();
  }
}

async function countRows(db: Client): Promise<Record<string, number>> {
  const tables = [
    'proposals',
    'proposal_budget_lines',
    'proposal_status_changes',
    'proposal_revisions',
    'ledger_entries',
    'expenditure_reports',
    'indicators',
    'indicator_targets',
    'indicator_actuals',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0].n;
  }
  return counts;
}

function sizeFromEnv(): PortfolioSize {
  const read = (name: string, fallback: number) => {
    const value = process.env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer`);
    return parsed;
  };
  return {
    programmes: read('BENCH_PROGRAMMES', DEFAULT_SIZE.programmes),
    punosPerProgramme: read('BENCH_PUNOS', DEFAULT_SIZE.punosPerProgramme),
    indicatorsPerProgramme: read('BENCH_INDICATORS', DEFAULT_SIZE.indicatorsPerProgramme),
    periodsPerIndicator: read('BENCH_PERIODS', DEFAULT_SIZE.periodsPerIndicator),
    donors: read('BENCH_DONORS', DEFAULT_SIZE.donors),
    proposals: read('BENCH_PROPOSALS', DEFAULT_SIZE.proposals),
  };
}

export function benchConfig(): { databaseUrl: string; size: PortfolioSize } {
  return { databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL, size: sizeFromEnv() };
}

if (require.main === module) {
  const { databaseUrl, size } = benchConfig();
  generatePortfolio(databaseUrl, size)
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`Generating the portfolio failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
