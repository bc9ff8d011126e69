import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The results roll-up's read model, kept by triggers so a roll-up reads a few rows per programme
 * instead of grouping every target period of every indicator per request.
 *
 * indicator_standings: one row per indicator and year of a period end (year 0: every period,
 * "since inception"), for indicators with a target period in it. The on-track rule is
 * rollup-rules.ts's: the latest period of the window with a target and an approved actual
 * decides; ascending → actual ≥ target, descending → actual ≤ target. Sums for UNIT indicators.
 *
 * programme_standings: per programme, per roll-up group and year, the counts of
 * indicator_standings: dimension 'programme' (key '': all its indicators), 'gcmObjective' (an
 * indicator counts under its own objectives, or its programme's when it names none) and
 * 'fundIndicator' (with the UNIT sums). Year 0 rows exist for every group with an indicator and
 * carry `indicators` (whatever the window); year rows exist where the group has target periods.
 *
 * Statement-level triggers recompute what a statement touched, in its transaction: the
 * indicators (targets, actuals, indicators) and their programmes (also on indicator and
 * programme objectives). A programme's refreshes are serialized by an advisory lock and each
 * statement of the functions reads what is committed when it runs (READ COMMITTED), so the last
 * writer to commit recomputes from everything before it.
 */
export class IndicatorStandings1765065600000 implements MigrationInterface {
  name = 'IndicatorStandings1765065600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE indicator_standings (
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year = 0 OR year BETWEEN 1900 AND 2200),
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        has_target boolean NOT NULL,
        has_actual boolean NOT NULL,
        on_track boolean,
        actual_sum numeric,
        target_sum numeric,
        PRIMARY KEY (indicator_id, year)
      );
      CREATE INDEX indicator_standings_proposal_idx ON indicator_standings (proposal_id);

      CREATE TABLE programme_standings (
        year smallint NOT NULL CHECK (year = 0 OR year BETWEEN 1900 AND 2200),
        dimension text NOT NULL CHECK (dimension IN ('programme','gcmObjective','fundIndicator')),
        key text NOT NULL,
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        indicators integer NOT NULL,
        with_target integer NOT NULL,
        with_actual integer NOT NULL,
        assessed integer NOT NULL,
        on_track integer NOT NULL,
        actual_sum numeric,
        target_sum numeric,
        PRIMARY KEY (dimension, year, key, proposal_id)
      );
      CREATE INDEX programme_standings_proposal_idx ON programme_standings (proposal_id);

      CREATE FUNCTION refresh_programme_standings(programmes uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('programme_standings:' || id::text, 0))
           FROM unnest(programmes) id ORDER BY id;
        DELETE FROM programme_standings WHERE proposal_id = ANY (programmes);
        INSERT INTO programme_standings
               (year, dimension, key, proposal_id, indicators, with_target, with_actual, assessed, on_track,
                actual_sum, target_sum)
        WITH grouped AS (
          SELECT i.id, i.proposal_id, g.dimension, g.key
            FROM indicators i
            CROSS JOIN LATERAL (
              SELECT 'programme', ''
              UNION ALL
              SELECT 'gcmObjective', objective::text
                FROM unnest(coalesce(
                  (SELECT array_agg(o.gcm_objective_code) FROM indicator_objectives o WHERE o.indicator_id = i.id),
                  (SELECT array_agg(po.gcm_objective_code) FROM proposal_objectives po WHERE po.proposal_id = i.proposal_id)
                )) objective
              UNION ALL
              SELECT 'fundIndicator', i.fund_indicator_code WHERE i.fund_indicator_code IS NOT NULL
            ) g(dimension, key)
           WHERE i.proposal_id = ANY (programmes)),
        years AS (
          SELECT DISTINCT proposal_id, year FROM indicator_standings WHERE proposal_id = ANY (programmes)
          UNION
          SELECT id, 0 FROM unnest(programmes) id)
        SELECT y.year, g.dimension, g.key, g.proposal_id,
               count(*),
               count(*) FILTER (WHERE s.has_target),
               count(*) FILTER (WHERE s.has_actual),
               count(*) FILTER (WHERE s.on_track IS NOT NULL),
               count(*) FILTER (WHERE s.on_track),
               sum(s.actual_sum), sum(s.target_sum)
          FROM grouped g
          JOIN years y ON y.proposal_id = g.proposal_id
          LEFT JOIN indicator_standings s ON s.indicator_id = g.id AND s.year = y.year
         GROUP BY y.year, g.dimension, g.key, g.proposal_id
        HAVING y.year = 0 OR count(s.indicator_id) > 0;
      END $$;

      CREATE FUNCTION refresh_indicator_standings(changed uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        programmes uuid[] := array(SELECT DISTINCT proposal_id FROM indicators WHERE id = ANY (changed));
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('programme_standings:' || id::text, 0))
           FROM unnest(programmes) id ORDER BY id;
        DELETE FROM indicator_standings WHERE indicator_id = ANY (changed);
        INSERT INTO indicator_standings
               (indicator_id, year, proposal_id, has_target, has_actual, on_track, actual_sum, target_sum)
        SELECT i.id, w.year, i.proposal_id,
               bool_or(t.value IS NOT NULL),
               bool_or(a.value IS NOT NULL),
               (array_agg(CASE WHEN i.ascending THEN a.value >= t.value ELSE a.value <= t.value END
                          ORDER BY t.period_end DESC)
                  FILTER (WHERE t.value IS NOT NULL AND a.value IS NOT NULL))[1],
               sum(a.value) FILTER (WHERE i.measure = 'UNIT'),
               sum(t.value) FILTER (WHERE i.measure = 'UNIT')
          FROM indicators i
          JOIN indicator_targets t ON t.indicator_id = i.id
          LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id AND a.period_start = t.period_start
               AND a.period_end = t.period_end AND a.status = 'APPROVED'
          CROSS JOIN LATERAL (VALUES (0), (extract(year FROM t.period_end)::int)) w(year)
         WHERE i.id = ANY (changed)
         GROUP BY i.id, w.year, i.proposal_id;
        PERFORM refresh_programme_standings(programmes);
      END $$;

      -- Trigger functions over the statement's transition table "changed_rows".
      CREATE FUNCTION standings_after_indicator_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_indicator_standings(array(SELECT DISTINCT indicator_id FROM changed_rows));
        RETURN NULL;
      END $$;
      CREATE FUNCTION standings_after_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_indicator_standings(array(SELECT id FROM changed_rows));
        RETURN NULL;
      END $$;
      CREATE FUNCTION standings_after_programme_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only programmes with indicators, or rows left from them, have anything to refresh.
        PERFORM refresh_programme_standings(array(
          SELECT DISTINCT c.proposal_id FROM changed_rows c
           WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.proposal_id = c.proposal_id)
              OR EXISTS (SELECT 1 FROM programme_standings s WHERE s.proposal_id = c.proposal_id)));
        RETURN NULL;
      END $$;
      CREATE FUNCTION standings_after_indicator_objectives() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_programme_standings(array(
          SELECT DISTINCT i.proposal_id FROM changed_rows c JOIN indicators i ON i.id = c.indicator_id));
        RETURN NULL;
      END $$;
    `);
    // A trigger with transition tables serves one event, hence one per event.
    const triggers: [table: string, fn: string, events: string[]][] = [
      ['indicator_targets', 'standings_after_indicator_rows', ['INSERT', 'UPDATE', 'DELETE']],
      ['indicator_actuals', 'standings_after_indicator_rows', ['INSERT', 'UPDATE', 'DELETE']],
      // New and changed indicators; a deleted one's rows go by cascade, its programme's below.
      ['indicators', 'standings_after_indicators', ['INSERT', 'UPDATE']],
      ['indicators', 'standings_after_programme_rows', ['DELETE']],
      ['indicator_objectives', 'standings_after_indicator_objectives', ['INSERT', 'UPDATE', 'DELETE']],
      ['proposal_objectives', 'standings_after_programme_rows', ['INSERT', 'UPDATE', 'DELETE']],
    ];
    for (const [table, fn, events] of triggers) {
      for (const event of events) {
        await db.query(
          `CREATE TRIGGER ${table}_standings_${event.toLowerCase()} AFTER ${event} ON ${table}
             REFERENCING ${event === 'DELETE' ? 'OLD' : 'NEW'} TABLE AS changed_rows
             FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
      }
    }
    await db.query(`SELECT refresh_indicator_standings(array(SELECT id FROM indicators))`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'indicator_targets',
      'indicator_actuals',
      'indicators',
      'indicator_objectives',
      'proposal_objectives',
    ]) {
      for (const event of ['insert', 'update', 'delete']) {
        await db.query(`DROP TRIGGER IF EXISTS ${table}_standings_${event} ON ${table}`);
      }
    }
    await db.query(`
      DROP FUNCTION standings_after_indicator_objectives();
      DROP FUNCTION standings_after_programme_rows();
      DROP FUNCTION standings_after_indicators();
      DROP FUNCTION standings_after_indicator_rows();
      DROP FUNCTION refresh_indicator_standings(uuid[]);
      DROP FUNCTION refresh_programme_standings(uuid[]);
      DROP TABLE programme_standings;
      DROP TABLE indicator_standings;
    `);
  }
}
