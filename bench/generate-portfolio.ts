import 'reflect-metadata';
import { PasswordHasher } from '@mptf/identity';
import { MIGRATIONS } from '@mptf/migrations';
import { createScriptDataSource, prepareDatabase } from '@mptf/platform';
import { DEMO_PASSWORD, DEMO_USERS, seedReference } from '@mptf/seeds';
import { Client } from 'pg';
import { ProgressLine } from './lib/progress';

/**
 * The benchmark portfolio: a large, consistent fund generated in SQL (INSERT … SELECT over
 * generate_series, batch by batch) into its own database, created fresh each run.
 *
 * Every row obeys the schema's CHECK constraints and the domain's rules: statuses with their full
 * timeline, deposits (minus the 1% AA fee) that cover every allocation, transfers within
 * allocations, expenditure within transfers (closed programmes spent everything but their refund),
 * results matrices with targets per period and approved actuals for past periods.
 */
export interface PortfolioSize {
  /** Approved proposals (APPROVED, ACTIVE, closed): the programmes money and results hang on. */
  programmes: number;
  punosPerProgramme: number;
  indicatorsPerProgramme: number;
  periodsPerIndicator: number;
  donors: number;
  /** All proposals, programmes included (the rest are spread over the pre-decision states). */
  proposals: number;
}

export const DEFAULT_SIZE: PortfolioSize = {
  programmes: 1000,
  punosPerProgramme: 3,
  indicatorsPerProgramme: 20,
  periodsPerIndicator: 8,
  donors: 50,
  proposals: 100_000,
};

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

/**
 * Session-local helpers: indexed lists of reference rows, a deterministic pseudo-random function,
 * and g_plan, one row per proposal with every attribute the inserts derive from.
 */
async function plan(db: Client, size: PortfolioSize): Promise<void> {
  await db.query(`
    CREATE FUNCTION pg_temp.rnd(n bigint, salt int, m int) RETURNS int LANGUAGE sql IMMUTABLE AS
      $$ SELECT (((hashint8extended(n * 7919 + salt, 17) % m) + m) % m)::int $$;
    -- Direct budget of PUNO j on proposal n, in cents: US$ 300,000 – 1,190,000.
    CREATE FUNCTION pg_temp.direct(n bigint, j int) RETURNS bigint LANGUAGE sql IMMUTABLE AS
      $$ SELECT (300000 + pg_temp.rnd(n * 16 + j, 20, 90) * 10000)::bigint * 100 $$;
    CREATE FUNCTION pg_temp.money(cents bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT (cents / 100)::text || '.' || lpad((cents % 100)::text, 2, '0') $$;

    CREATE TEMP TABLE g_orgs AS
      SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, id, code
        FROM organizations WHERE type = 'UN_ENTITY';
    CREATE TEMP TABLE g_countries AS
      SELECT (row_number() OVER (ORDER BY region, sub_region, code) - 1)::int AS idx, code
        FROM countries WHERE region <> 'Antarctica';
    CREATE TEMP TABLE g_area_objectives AS
      SELECT thematic_area_code AS area, gcm_objective_code AS objective,
             (row_number() OVER (PARTITION BY thematic_area_code ORDER BY gcm_objective_code) - 1)::int AS idx,
             count(*) OVER (PARTITION BY thematic_area_code)::int AS total
        FROM thematic_area_objectives;
    CREATE TEMP TABLE g_users AS
      SELECT u.email, u.id FROM users u;
  `);
  await db.query(
    `CREATE TEMP TABLE g_donors AS
       SELECT (row_number() OVER (ORDER BY code = 'DEU' DESC, code) - 1)::int AS idx, id, code
         FROM organizations WHERE type = 'MEMBER_STATE'
        ORDER BY code = 'DEU' DESC, code LIMIT $1`,
    [size.donors],
  );
  // The timeline each status went through, with who moved it (role by demo user).
  await db.query(`
    CREATE TEMP TABLE g_paths (status text, step int, from_status text, to_status text, actor text, days int);
    INSERT INTO g_paths
    SELECT s.status, t.step - 1, lag(t.to_status) OVER (PARTITION BY s.status ORDER BY t.step), t.to_status,
           CASE WHEN t.to_status IN ('DRAFT','SUBMITTED','WITHDRAWN') THEN 'iom.focal@mptf.test'
                WHEN t.to_status IN ('UNDER_REVIEW','RETURNED','INELIGIBLE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED') THEN 'fmu@mptf.test'
                WHEN t.to_status = 'ACTIVE' THEN 'aa@mptf.test'
                ELSE 'chair@mptf.test' END,
           t.days
      FROM (VALUES
        ('DRAFT', ARRAY['DRAFT']),
        ('SUBMITTED', ARRAY['DRAFT','SUBMITTED']),
        ('UNDER_REVIEW', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW']),
        ('RETURNED', ARRAY['DRAFT','SUBMITTED','RETURNED']),
        ('INELIGIBLE', ARRAY['DRAFT','SUBMITTED','INELIGIBLE']),
        ('WITHDRAWN', ARRAY['DRAFT','SUBMITTED','WITHDRAWN']),
        ('REVISION_REQUESTED', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','REVISION_REQUESTED']),
        ('PIPELINE', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','PIPELINE']),
        ('REJECTED', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','REJECTED']),
        ('APPROVED', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','APPROVED']),
        ('ACTIVE', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','APPROVED','ACTIVE']),
        ('OPERATIONALLY_CLOSED', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','APPROVED','ACTIVE','OPERATIONALLY_CLOSED']),
        ('FINANCIALLY_CLOSED', ARRAY['DRAFT','SUBMITTED','UNDER_REVIEW','APPROVED','ACTIVE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED'])
      ) AS s(status, path)
      CROSS JOIN LATERAL (
        SELECT step::int, to_status,
               -- Days after creation: submitted +10, screened +30, decided = approval, first transfer = start.
               CASE to_status WHEN 'DRAFT' THEN 0 WHEN 'SUBMITTED' THEN 10 WHEN 'WITHDRAWN' THEN 20
                 WHEN 'UNDER_REVIEW' THEN 30 WHEN 'RETURNED' THEN 30 WHEN 'INELIGIBLE' THEN 30
                 WHEN 'ACTIVE' THEN -2 WHEN 'OPERATIONALLY_CLOSED' THEN -3 WHEN 'FINANCIALLY_CLOSED' THEN -4
                 ELSE -1 END AS days
          FROM unnest(s.path) WITH ORDINALITY AS u(to_status, step)
      ) t;
  `);
  const P = size.programmes;
  await db.query(
    `CREATE TEMP TABLE g_plan AS
     SELECT n, md5('p' || n)::uuid AS id, n <= $1 AS programme, y, created, area, scope, c0, country0,
            status,
            (created::date + 60 + pg_temp.rnd(n, 11, 30)) AS approval,
            CASE WHEN status IN ('ACTIVE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED')
                 THEN created::date + 90 + pg_temp.rnd(n, 11, 30) END AS start_date
       FROM (
         SELECT n, y, area, c0, country0,
                make_timestamptz(y, 1 + pg_temp.rnd(n, 3, CASE WHEN y = 2026 THEN 8 ELSE 12 END), 1 + pg_temp.rnd(n, 4, 28), 9, 0, 0, 'UTC') AS created,
                CASE WHEN s < 6 THEN 'NATIONAL' WHEN s < 9 THEN 'REGIONAL' ELSE 'GLOBAL' END AS scope,
                CASE WHEN n <= $1 THEN
                       CASE WHEN y >= 2024 THEN (CASE WHEN r < 20 THEN 'APPROVED' ELSE 'ACTIVE' END)
                            WHEN r < 5 THEN 'APPROVED' WHEN r < 75 THEN 'ACTIVE'
                            WHEN r < 88 THEN 'OPERATIONALLY_CLOSED' ELSE 'FINANCIALLY_CLOSED' END
                     ELSE
                       CASE WHEN r < 20 THEN 'DRAFT' WHEN r < 30 THEN 'SUBMITTED' WHEN r < 35 THEN 'UNDER_REVIEW'
                            WHEN r < 45 THEN 'RETURNED' WHEN r < 55 THEN 'INELIGIBLE' WHEN r < 60 THEN 'REVISION_REQUESTED'
                            WHEN r < 65 THEN 'PIPELINE' WHEN r < 85 THEN 'REJECTED' ELSE 'WITHDRAWN' END
                END AS status
           FROM (
             SELECT n,
                    CASE WHEN n <= $1 THEN 2019 + pg_temp.rnd(n, 2, 6) ELSE 2019 + pg_temp.rnd(n, 2, 8) END AS y,
                    1 + pg_temp.rnd(n, 6, 5) AS area,
                    pg_temp.rnd(n, 7, (SELECT count(*)::int FROM g_orgs)) AS c0,
                    pg_temp.rnd(n, 10, (SELECT count(*)::int FROM g_countries)) AS country0,
                    pg_temp.rnd(n, 5, 10) AS s,
                    pg_temp.rnd(n, 1, 100) AS r
               FROM generate_series(1, $2) n
           ) base
       ) planned;
     CREATE UNIQUE INDEX ON g_plan (n);
     ANALYZE g_plan;`
      .replace(/\$1/g, String(P))
      .replace(/\$2/g, String(size.proposals)),
  );
}

async function insertProposals(db: Client, from: number, to: number, size: PortfolioSize): Promise<void> {
  const range = [from, to];
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO proposals (id, reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
            duration_months, marker_gender, marker_human_rights, marker_child_sensitivity, government_endorsed,
            government_endorsement_date, status, version, review_due_date, start_date, submitted_at, created_by,
            created_at, updated_at, indirect_rate)
     SELECT p.id, 'MIG-' || p.y || '-' || lpad(p.n::text, 6, '0'),
            'Joint programme ' || p.n || ': ' || ta.short_title || ' with ' || o.code,
            'Participating UN organizations led by ' || o.code || ' work with governments and communities on '
              || lower(ta.title) || '. Generated for the benchmarks.',
            CASE WHEN p.programme OR p.status IN ('PIPELINE','REJECTED','REVISION_REQUESTED') THEN 'FULL_PROPOSAL'
                 ELSE 'CONCEPT_NOTE' END,
            p.scope, p.area, o.id, 12 + pg_temp.rnd(p.n, 12, 25),
            2 + pg_temp.rnd(p.n, 13, 2), 2 + pg_temp.rnd(p.n, 14, 2), 1 + pg_temp.rnd(p.n, 15, 3),
            CASE WHEN p.scope = 'NATIONAL' THEN true END,
            CASE WHEN p.scope = 'NATIONAL' THEN p.created::date END,
            p.status, CASE WHEN p.status = 'DRAFT' THEN 0 ELSE 1 END,
            CASE WHEN p.status = 'UNDER_REVIEW' THEN date '2026-12-01' + pg_temp.rnd(p.n, 9, 120) END,
            p.start_date,
            CASE WHEN p.status <> 'DRAFT' THEN p.created + interval '10 days' END,
            creator.id, p.created, p.created + interval '10 days', 0.07
       FROM g_plan p
       JOIN g_orgs o ON o.idx = p.c0
       JOIN thematic_areas ta ON ta.code = p.area
       JOIN g_users creator ON creator.email = 'iom.focal@mptf.test'
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  await db.query(
    `INSERT INTO proposal_organizations (proposal_id, organization_id, position)
     SELECT p.id, o.id, j
       FROM g_plan p CROSS JOIN generate_series(0, $3 - 1) j
       JOIN g_orgs o ON o.idx = (p.c0 + j) % (SELECT count(*) FROM g_orgs)
      WHERE p.n BETWEEN $1 AND $2`,
    [...range, size.punosPerProgramme],
  );
  // Categories 1 (60 %), 4 (30 %) and one of 2, 5, 7 (the rest) per PUNO; 8 is computed.
  await db.query(
    `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
     SELECT p.id, o.id, c.code,
            CASE c.slot WHEN 0 THEN d.direct * 6 / 10 WHEN 1 THEN d.direct * 3 / 10
                        ELSE d.direct - d.direct * 6 / 10 - d.direct * 3 / 10 END
       FROM g_plan p CROSS JOIN generate_series(0, $3 - 1) j
       JOIN g_orgs o ON o.idx = (p.c0 + j) % (SELECT count(*) FROM g_orgs)
       CROSS JOIN LATERAL (SELECT pg_temp.direct(p.n, j) AS direct) d
       CROSS JOIN LATERAL (VALUES (0, 1), (1, 4), (2, (ARRAY[2, 5, 7])[1 + pg_temp.rnd(p.n, 17, 3)])) AS c(slot, code)
      WHERE p.n BETWEEN $1 AND $2`,
    [...range, size.punosPerProgramme],
  );
  await db.query(
    `INSERT INTO proposal_countries (proposal_id, country_code)
     SELECT p.id, c.code
       FROM g_plan p
       CROSS JOIN LATERAL generate_series(0, CASE p.scope WHEN 'NATIONAL' THEN 0 WHEN 'REGIONAL' THEN 2 ELSE -1 END) j
       JOIN g_countries c ON c.idx = (p.country0 + j) % (SELECT count(*) FROM g_countries)
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  // Two objectives of the primary thematic area (eligibility needs one mapped to it).
  await db.query(
    `INSERT INTO proposal_objectives (proposal_id, gcm_objective_code)
     SELECT p.id, ao.objective
       FROM g_plan p CROSS JOIN generate_series(0, 1) j
       JOIN g_area_objectives ao ON ao.area = p.area
        AND ao.idx = (pg_temp.rnd(p.n, 16, ao.total) + j) % ao.total
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  await db.query(
    `INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment, occurred_at)
     SELECT p.id, g.from_status, g.to_status, u.id,
            CASE WHEN g.to_status = 'SUBMITTED' THEN 'Revision 1 submitted' END,
            CASE g.days WHEN -1 THEN p.approval::timestamptz WHEN -2 THEN p.start_date::timestamptz
                        WHEN -3 THEN (p.start_date + 700)::timestamptz WHEN -4 THEN (p.start_date + 800)::timestamptz
                        ELSE p.created + make_interval(days => g.days) END + make_interval(secs => g.step)
       FROM g_plan p JOIN g_paths g ON g.status = p.status JOIN g_users u ON u.email = g.actor
      WHERE p.n BETWEEN $1 AND $2`,
    range,
  );
  await db.query(
    `INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_at, submitted_by)
     SELECT pr.id, 1,
            jsonb_build_object(
              'reference', pr.reference, 'title', pr.title, 'summary', pr.summary, 'stage', pr.stage,
              'scope', pr.scope, 'thematicAreaCode', pr.thematic_area_code,
              'countryCodes', coalesce((SELECT jsonb_agg(trim(country_code) ORDER BY country_code)
                                          FROM proposal_countries WHERE proposal_id = pr.id), '[]'::jsonb),
              'gcmObjectiveCodes', (SELECT jsonb_agg(gcm_objective_code ORDER BY gcm_objective_code)
                                      FROM proposal_objectives WHERE proposal_id = pr.id),
              'convenerCode', o.code,
              'participatingOrgCodes', (SELECT jsonb_agg(x.code ORDER BY po.position) FROM proposal_organizations po
                                          JOIN organizations x ON x.id = po.organization_id WHERE po.proposal_id = pr.id),
              'durationMonths', pr.duration_months,
              'markers', jsonb_build_object('gender', pr.marker_gender, 'humanRights', pr.marker_human_rights,
                                            'childSensitivity', pr.marker_child_sensitivity),
              'governmentEndorsement', CASE WHEN pr.government_endorsed IS NULL THEN 'null'::jsonb
                 ELSE jsonb_build_object('endorsed', pr.government_endorsed,
                                         'date', to_char(pr.government_endorsement_date, 'YYYY-MM-DD')) END,
              'nationalPartners', '[]'::jsonb,
              'budgetLines', (SELECT jsonb_agg(jsonb_build_object('orgCode', x.code, 'categoryCode', b.category_code,
                                                                  'amount', pg_temp.money(b.amount))
                                               ORDER BY x.code, b.category_code)
                                FROM proposal_budget_lines b JOIN organizations x ON x.id = b.organization_id
                               WHERE b.proposal_id = pr.id),
              'indirectRate', '0.0700',
              'documents', '[]'::jsonb),
            pr.submitted_at, pr.created_by
       FROM proposals pr JOIN g_plan p ON p.id = pr.id JOIN organizations o ON o.id = pr.convener_org_id
      WHERE p.n BETWEEN $1 AND $2 AND pr.version >= 1`,
    range,
  );
  await db.query('COMMIT');
}

/**
 * Money. Per programme PUNO: an allocation of its full budget (direct + 7 %) on the approval date;
 * a first transfer of 60 % on the start date; closed programmes get the rest a year later (half of
 * the active ones get 25 % more); expenditure per year within what was transferred (closed ones
 * spent all but a 2 % refund). Deposits of each approval year cover its allocations by 15 % after
 * the AA fee, spread over the donors, each with its commitment and AA fee.
 */
async function insertLedger(db: Client, size: PortfolioSize): Promise<void> {
  await db.query('BEGIN');
  await db.query(`
    CREATE TEMP TABLE g_puno AS
    SELECT p.n, p.id, j, o.id AS org_id, p.status, p.approval, p.start_date,
           pg_temp.direct(p.n, j) + round(pg_temp.direct(p.n, j) * 0.07)::bigint AS allocated
      FROM g_plan p CROSS JOIN generate_series(0, ${size.punosPerProgramme} - 1) j
      JOIN g_orgs o ON o.idx = (p.c0 + j) % (SELECT count(*) FROM g_orgs)
     WHERE p.programme;
    ALTER TABLE g_puno ADD COLUMN t1 bigint, ADD COLUMN t2 bigint, ADD COLUMN t2_date date,
      ADD COLUMN refund bigint, ADD COLUMN refund_date date, ADD COLUMN spent bigint;
    UPDATE g_puno SET
      t1 = CASE WHEN start_date IS NOT NULL THEN allocated * 6 / 10 ELSE 0 END,
      t2 = CASE WHEN status IN ('OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED') THEN allocated - allocated * 6 / 10
                WHEN status = 'ACTIVE' AND pg_temp.rnd(n, 30, 2) = 0 THEN allocated * 25 / 100 ELSE 0 END,
      t2_date = least(start_date + 365, date '2026-10-31');
    UPDATE g_puno SET
      refund = CASE WHEN status = 'FINANCIALLY_CLOSED' THEN (t1 + t2) * 2 / 100 ELSE 0 END,
      refund_date = least(start_date + 790, date '2026-10-31');
    UPDATE g_puno SET
      spent = CASE WHEN status IN ('OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED') THEN t1 + t2 - refund
                   WHEN status = 'ACTIVE' AND extract(year FROM start_date) <= 2025 THEN (t1 + t2) / 2 ELSE 0 END;

    INSERT INTO ledger_entries (kind, entry_date, year, amount, proposal_id, organization_id, actor_id, description)
    SELECT 'ALLOCATION', approval, extract(year FROM approval)::int, allocated, id, org_id,
           (SELECT id FROM g_users WHERE email = 'chair@mptf.test'), 'SC decision'
      FROM g_puno;
    INSERT INTO ledger_entries (kind, entry_date, year, amount, proposal_id, organization_id, actor_id, description)
    SELECT 'TRANSFER', d, extract(year FROM d)::int, a, id, org_id, (SELECT id FROM g_users WHERE email = 'aa@mptf.test'), 'Tranche'
      FROM g_puno CROSS JOIN LATERAL (VALUES (start_date, t1), (t2_date, t2)) AS t(d, a)
     WHERE a > 0;
    INSERT INTO ledger_entries (kind, entry_date, year, amount, proposal_id, organization_id, actor_id, description)
    SELECT 'REFUND', refund_date, extract(year FROM refund_date)::int, refund, id, org_id,
           (SELECT id FROM g_users WHERE email = 'aa@mptf.test'), 'Unspent balance returned'
      FROM g_puno WHERE refund > 0;

    -- Expenditure: one report per PUNO and year (the start year and the next, up to 2025).
    CREATE TEMP TABLE g_spend AS
    SELECT g.n, g.id, g.j, g.org_id, y.year,
           CASE WHEN y.k = 0 AND y.years = 1 THEN g.spent WHEN y.k = 0 THEN g.spent * 6 / 10
                ELSE g.spent - g.spent * 6 / 10 END AS amount
      FROM g_puno g
      CROSS JOIN LATERAL (
        SELECT extract(year FROM g.start_date)::int + k AS year, k,
               CASE WHEN extract(year FROM g.start_date)::int + 1 <= 2025 THEN 2 ELSE 1 END AS years
          FROM generate_series(0, 1) k
      ) y
     WHERE g.spent > 0 AND y.k < y.years;
    INSERT INTO expenditure_reports (id, proposal_id, organization_id, year, version, submitted_by, submitted_at)
    SELECT md5('er' || n || '-' || j || '-' || year)::uuid, id, org_id, year, 1,
           (SELECT id FROM g_users WHERE email = 'iom.focal@mptf.test'), make_timestamptz(year + 1, 3, 31, 12, 0, 0, 'UTC')
      FROM g_spend;
    INSERT INTO ledger_entries (kind, entry_date, year, amount, proposal_id, organization_id, budget_category_code,
                                expenditure_report_id, actor_id, description)
    SELECT 'EXPENDITURE', make_date(s.year + 1, 3, 31), s.year, c.amount, s.id, s.org_id, c.code,
           md5('er' || s.n || '-' || s.j || '-' || s.year)::uuid,
           (SELECT id FROM g_users WHERE email = 'iom.focal@mptf.test'), 'Annual expenditure'
      FROM g_spend s
      CROSS JOIN LATERAL (VALUES (1, s.amount * 7 / 10), (4, s.amount - s.amount * 7 / 10)) AS c(code, amount)
     WHERE c.amount > 0;
  `);
  // Deposits per year: what that year's approvals need, + 15 %, grossed up for the 1 % fee,
  // plus US$ 100,000 per donor so every donor gives every year.
  await db.query(`
    CREATE TEMP TABLE g_deposits AS
    WITH need AS (
      SELECT y, coalesce((SELECT sum(allocated) FROM g_puno WHERE extract(year FROM approval) = y), 0) AS cents
        FROM generate_series(2019, 2026) y
    ),
    total AS (SELECT y, (ceil(cents * 1.15 / 0.99))::bigint AS cents FROM need)
    SELECT t.y, d.idx, d.id AS donor_id, d.code,
           t.cents / ${size.donors} + CASE WHEN d.idx = 0 THEN t.cents % ${size.donors} ELSE 0 END + 10000000 AS amount,
           (ARRAY['USD','EUR','GBP','NOK'])[1 + d.idx % 4] AS currency,
           (ARRAY[1, 1.085, 1.27, 0.095])[1 + d.idx % 4]::numeric AS rate,
           make_date(t.y, 1, 2 + d.idx % 20) AS day
      FROM total t CROSS JOIN g_donors d;
    INSERT INTO ledger_entries (kind, entry_date, year, amount, currency, original_amount, exchange_rate, donor_org_id,
                                reference, actor_id, description)
    SELECT k.kind, CASE WHEN k.kind = 'COMMITMENT' THEN make_date(y, 1, 1) ELSE day END, y, amount, currency,
           round(amount / rate)::bigint, round(amount::numeric / round(amount / rate), 10), donor_id,
           k.prefix || '-' || code || '-' || y, (SELECT id FROM g_users WHERE email = 'aa@mptf.test'),
           k.kind || ' of ' || code || ' for ' || y
      FROM g_deposits CROSS JOIN (VALUES ('COMMITMENT', 'AGR'), ('DEPOSIT', 'DEP')) AS k(kind, prefix);
    INSERT INTO ledger_entries (kind, entry_date, year, amount, donor_org_id, related_entry_id, actor_id, description)
    SELECT 'AA_FEE', entry_date, year, round(amount * 0.01)::bigint, donor_org_id, id, actor_id, 'AA fee (1%)'
      FROM ledger_entries WHERE kind = 'DEPOSIT';
    INSERT INTO ledger_entries (kind, entry_date, year, amount, actor_id, description)
    SELECT 'INTEREST', make_date(y, 12, 31), y, 250000000, (SELECT id FROM g_users WHERE email = 'aa@mptf.test'), 'Interest'
      FROM generate_series(2019, 2025) y;
  `);
  await db.query('COMMIT');
}

/**
 * Results: two outcomes with two outputs each, indicators spread over them (most UNIT, some
 * PERCENTAGE, ORDINAL, QUALITATIVE; some linked to a fund indicator or a GCM objective), a target
 * per half-year period from the start year, and an approved actual for each period that ended by
 * 2025 on started programmes.
 */
async function insertResults(db: Client, from: number, to: number, size: PortfolioSize): Promise<void> {
  const range = [from, to];
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO matrix_results (id, proposal_id, key, type, title, parent_id, position)
     SELECT md5('mr' || p.n || '-' || r)::uuid, p.id, (ARRAY['OC1','OC2','OP1.1','OP1.2','OP2.1','OP2.2'])[r + 1],
            CASE WHEN r < 2 THEN 'OUTCOME' ELSE 'OUTPUT' END,
            CASE WHEN r < 2 THEN 'Outcome ' || (r + 1) ELSE 'Output ' || (r / 2) || '.' || (r % 2 + 1) END,
            CASE WHEN r >= 2 THEN md5('mr' || p.n || '-' || ((r - 2) / 2))::uuid END,
            CASE WHEN r < 2 THEN r ELSE r % 2 END
       FROM g_plan p CROSS JOIN generate_series(0, 5) r
      WHERE p.programme AND p.n BETWEEN $1 AND $2
      ORDER BY r`,
    range,
  );
  await db.query(
    `INSERT INTO indicators (id, proposal_id, result_id, key, title, measure, ascending, unit, fund_indicator_code,
                             baseline_year, baseline_value, position)
     SELECT md5('in' || p.n || '-' || i)::uuid, p.id, md5('mr' || p.n || '-' || (i % 6))::uuid, 'IND' || (i + 1),
            'Indicator ' || (i + 1) || ' of programme ' || p.n, m.measure, i % 7 <> 3,
            CASE WHEN m.measure = 'UNIT' THEN 'people' END,
            (SELECT f.code FROM fund_indicators f
              WHERE i % 4 = 0 AND f.code = 'FI-' || p.area || '.' || (i / 4 % 3 + 1) AND f.measure = m.measure),
            extract(year FROM coalesce(p.start_date, p.approval))::int,
            CASE WHEN m.measure <> 'QUALITATIVE' THEN CASE WHEN i % 7 <> 3 THEN 10 + pg_temp.rnd(p.n * 64 + i, 21, 40) ELSE 500 END END,
            i / 6
       FROM g_plan p CROSS JOIN generate_series(0, $3 - 1) i
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 < 6 THEN 'UNIT' WHEN i % 10 < 8 THEN 'PERCENTAGE'
                                       WHEN i % 10 = 8 THEN 'ORDINAL' ELSE 'QUALITATIVE' END AS measure) m
      WHERE p.programme AND p.n BETWEEN $1 AND $2`,
    [...range, size.indicatorsPerProgramme],
  );
  await db.query(
    `INSERT INTO indicator_objectives (indicator_id, gcm_objective_code)
     SELECT md5('in' || p.n || '-' || i)::uuid,
            (SELECT min(gcm_objective_code) FROM proposal_objectives WHERE proposal_id = p.id)
       FROM g_plan p CROSS JOIN generate_series(0, $3 - 1) i
      WHERE p.programme AND p.n BETWEEN $1 AND $2 AND i % 4 = 1`,
    [...range, size.indicatorsPerProgramme],
  );
  await db.query(
    `INSERT INTO indicator_targets (indicator_id, period_start, period_end, value)
     SELECT ind.id, s.period_start, (s.period_start + interval '6 months' - interval '1 day')::date,
            CASE WHEN ind.measure = 'QUALITATIVE' THEN NULL
                 WHEN ind.ascending THEN ind.baseline_value + (k + 1) * 5
                 ELSE ind.baseline_value - (k + 1) * 20 END
       FROM g_plan p JOIN indicators ind ON ind.proposal_id = p.id
       CROSS JOIN generate_series(0, $3 - 1) k
       CROSS JOIN LATERAL (SELECT (make_date(ind.baseline_year, 1, 1) + make_interval(months => 6 * k))::date AS period_start) s
      WHERE p.programme AND p.n BETWEEN $1 AND $2`,
    [...range, size.periodsPerIndicator],
  );
  await db.query(
    `INSERT INTO indicator_actuals (indicator_id, proposal_id, period_start, period_end, value, narrative, status,
                                    created_by, created_at, updated_at, submitted_at, submitted_by, reviewed_at, reviewed_by)
     SELECT t.indicator_id, p.id, t.period_start, t.period_end,
            CASE WHEN t.value IS NULL THEN NULL
                 ELSE round(t.value * (80 + pg_temp.rnd(hashtext(t.indicator_id::text || t.period_start), 22, 41)) / 100, 4) END,
            'Progress reported by the participating organizations for the period.', 'APPROVED',
            focal.id, t.period_end + 15, t.period_end + 30, t.period_end + 20, focal.id, t.period_end + 30, fmu.id
       FROM g_plan p JOIN indicators ind ON ind.proposal_id = p.id
       JOIN indicator_targets t ON t.indicator_id = ind.id
       JOIN g_users focal ON focal.email = 'iom.focal@mptf.test'
       JOIN g_users fmu ON fmu.email = 'fmu@mptf.test'
      WHERE p.programme AND p.n BETWEEN $1 AND $2 AND p.start_date IS NOT NULL
        AND t.period_end <= date '2025-12-31' AND t.period_end >= p.start_date`,
    range,
  );
  await db.query('COMMIT');
}

/**
 * Review rounds: every proposal that has been under review gets, for its latest round, one
 * scorecard (recommendation and a score per criterion) from each Steering Committee member who is
 * not recused (not one of its PUNOs); of the proposals still under review, a third have been
 * reviewed by the members already, so the review queue's anti-join has rows to skip.
 */
async function insertReviews(db: Client, progress: ProgressLine): Promise<void> {
  progress.update('review rounds');
  // Rows past review were inserted in their final status, which the round trigger does not see.
  await db.query(
    `UPDATE proposals SET review_round = 1
      WHERE review_round = 0
        AND status IN ('PIPELINE','REVISION_REQUESTED','REJECTED','APPROVED','ACTIVE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED')`,
  );
  await db.query(
    `INSERT INTO reviews (proposal_id, round, reviewer_id, reviewer_org_id, recommendation, comment, submitted_at)
     SELECT p.id, p.review_round, u.id, u.organization_id,
            (ARRAY['APPROVE','REVISE','REJECT'])[1 + pg_temp.rnd(g.n, 40, 3)], 'Generated review',
            coalesce(p.submitted_at, p.created_at) + interval '20 days'
       FROM g_plan g
       JOIN proposals p ON p.id = g.id
       JOIN users u ON 'SC_MEMBER' = ANY (u.roles) AND u.active
      WHERE p.review_round >= 1
        AND (p.status <> 'UNDER_REVIEW' OR g.n % 3 = 0)
        AND NOT EXISTS (SELECT 1 FROM proposal_organizations po
                         WHERE po.proposal_id = p.id AND po.organization_id = u.organization_id)`,
  );
  await db.query(
    `INSERT INTO review_scores (review_id, criterion_code, weight, score)
     SELECT r.id, c.code, c.weight, 1 + (abs(hashtext(r.id::text || c.code)) % 5)
       FROM reviews r CROSS JOIN review_criteria c`,
  );
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
