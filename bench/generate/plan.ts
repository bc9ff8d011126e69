import { Client } from 'pg';
import { PortfolioSize } from './portfolio-size';

/**
 * Session-local helpers: indexed lists of reference rows, a deterministic pseudo-random function,
 * and g_plan, one row per proposal with every attribute the inserts derive from.
 */
export async function plan(db: Client, size: PortfolioSize): Promise<void> {
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
