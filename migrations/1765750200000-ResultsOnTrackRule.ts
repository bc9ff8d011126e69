import { MigrationInterface, QueryRunner } from 'typeorm';

/** refresh_indicator_standings of migration IndicatorStandings, with the period's judgement `onTrack`. */
const refreshIndicatorStandings = (onTrack: string) => `
  CREATE OR REPLACE FUNCTION refresh_indicator_standings(changed uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
           (array_agg(${onTrack} ORDER BY t.period_end DESC)
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
  END $$;`;

/**
 * THE ON-TRACK RULE, once, in SQL: a period is on track when its approved actual meets the
 * period's target in the indicator's direction (ascending: actual ≥ target; descending:
 * actual ≤ target). `results_period_on_track` is that judgement; the standings (the roll-up's
 * read model) judge each indicator on the latest period of the window with a target and an
 * approved actual through it, and the results matrix reads both (each period's judgement, and the
 * indicator's from its standing since inception) instead of re-implementing them in TypeScript.
 * A plain SQL function: PostgreSQL inlines it, so the standings cost what they cost before.
 */
export class ResultsOnTrackRule1765750200000 implements MigrationInterface {
  name = 'ResultsOnTrackRule1765750200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION results_period_on_track(ascending boolean, actual numeric, target numeric) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE WHEN ascending THEN actual >= target ELSE actual <= target END $$;
      ${refreshIndicatorStandings('results_period_on_track(i.ascending, a.value, t.value)')}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ${refreshIndicatorStandings('CASE WHEN i.ascending THEN a.value >= t.value ELSE a.value <= t.value END')}
      DROP FUNCTION results_period_on_track(boolean, numeric, numeric);
    `);
  }
}
