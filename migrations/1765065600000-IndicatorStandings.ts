import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The standing of every programme indicator per reporting year, kept by triggers, so the results
 * roll-up reads one row per indicator instead of grouping every target period per request.
 *
 * A row per indicator and year of a period end (year 0: every period, "since inception"), for
 * indicators with at least one target period in it. The on-track rule is rollup-rules.ts's: the
 * latest period of the window with a target and an approved actual decides; ascending → actual ≥
 * target, descending → actual ≤ target. Sums are kept for UNIT indicators only.
 *
 * Statement-level triggers on targets, actuals and indicators recompute the indicators a statement
 * touched, in the same transaction. Refreshes of one indicator are serialized by a lock on its
 * row, and each statement of the function reads what is committed when it runs (READ COMMITTED),
 * so the last writer to commit recomputes from everything before it.
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
        PRIMARY KEY (year, indicator_id)
      );
      CREATE INDEX indicator_standings_indicator_idx ON indicator_standings (indicator_id);

      CREATE FUNCTION refresh_indicator_standings(changed uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM indicators WHERE id = ANY (changed) ORDER BY id FOR NO KEY UPDATE;
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
      END $$;

      CREATE FUNCTION indicator_standings_refresh_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_indicator_standings(array(SELECT DISTINCT indicator_id FROM changed_rows));
        RETURN NULL;
      END $$;
      CREATE FUNCTION indicator_standings_refresh_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_indicator_standings(array(SELECT id FROM changed_rows));
        RETURN NULL;
      END $$;
    `);
    // A trigger with transition tables serves one event, hence one per event.
    for (const table of ['indicator_targets', 'indicator_actuals']) {
      for (const [event, transition] of [
        ['INSERT', 'NEW'],
        ['UPDATE', 'NEW'],
        ['DELETE', 'OLD'],
      ]) {
        await db.query(
          `CREATE TRIGGER ${table}_standings_${event.toLowerCase()} AFTER ${event} ON ${table}
             REFERENCING ${transition} TABLE AS changed_rows
             FOR EACH STATEMENT EXECUTE FUNCTION indicator_standings_refresh_rows()`,
        );
      }
    }
    // Direction and measure decide on-track and sums; a deleted indicator's rows go by cascade.
    await db.query(`
      CREATE TRIGGER indicators_standings_update AFTER UPDATE ON indicators
        REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_standings_refresh_indicators();
      SELECT refresh_indicator_standings(array(SELECT id FROM indicators));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER indicators_standings_update ON indicators;
      DROP TRIGGER indicator_targets_standings_insert ON indicator_targets;
      DROP TRIGGER indicator_targets_standings_update ON indicator_targets;
      DROP TRIGGER indicator_targets_standings_delete ON indicator_targets;
      DROP TRIGGER indicator_actuals_standings_insert ON indicator_actuals;
      DROP TRIGGER indicator_actuals_standings_update ON indicator_actuals;
      DROP TRIGGER indicator_actuals_standings_delete ON indicator_actuals;
      DROP FUNCTION indicator_standings_refresh_indicators();
      DROP FUNCTION indicator_standings_refresh_rows();
      DROP FUNCTION refresh_indicator_standings(uuid[]);
      DROP TABLE indicator_standings;
    `);
  }
}
