import { Client } from 'pg';
import { PortfolioSize } from './portfolio-size';

/**
 * Money. Per programme PUNO: an allocation of its full budget (direct + 7 %) on the approval date;
 * a first transfer of 60 % on the start date; closed programmes get the rest a year later (half of
 * the active ones get 25 % more); expenditure per year within what was transferred (closed ones
 * spent all but a 2 % refund). Deposits of each approval year cover its allocations by 15 % after
 * the AA fee, spread over the donors, each with its commitment and AA fee.
 */
export async function insertLedger(db: Client, size: PortfolioSize): Promise<void> {
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
