import { Client } from 'pg';
import { PortfolioSize } from './portfolio-size';

/**
 * Results: two outcomes with two outputs each, indicators spread over them (most UNIT, some
 * PERCENTAGE, ORDINAL, QUALITATIVE; some linked to a fund indicator or a GCM objective), a target
 * per half-year period from the start year, and an approved actual for each period that ended by
 * 2025 on started programmes.
 */
export async function insertResults(
  db: Client,
  from: number,
  to: number,
  size: PortfolioSize,
): Promise<void> {
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
