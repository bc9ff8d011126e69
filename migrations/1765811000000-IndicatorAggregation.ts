import { MigrationInterface, QueryRunner } from 'typeorm';

/** refresh_indicator_standings of migration ResultsOnTrackRule; `sums` gives actual_sum, target_sum. */
const refreshIndicatorStandings = (sums: string) => `
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
           (array_agg(results_period_on_track(i.ascending, a.value, t.value) ORDER BY t.period_end DESC)
              FILTER (WHERE t.value IS NOT NULL AND a.value IS NOT NULL))[1],
           ${sums}
      FROM indicators i
      JOIN indicator_targets t ON t.indicator_id = i.id
      LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id AND a.period_start = t.period_start
           AND a.period_end = t.period_end AND a.status = 'APPROVED'
      CROSS JOIN LATERAL (VALUES (0), (extract(year FROM t.period_end)::int)) w(year)
     WHERE i.id = ANY (changed)
     GROUP BY i.id, w.year, i.proposal_id;
    PERFORM refresh_programme_standings(programmes);
  END $$;`;

const SUMMED = `sum(a.value) FILTER (WHERE i.measure = 'UNIT'),
           sum(t.value) FILTER (WHERE i.measure = 'UNIT')`;

// A cumulative indicator's figure for a window is its latest period's, not the sum of its periods.
const BY_AGGREGATION = `CASE WHEN i.measure <> 'UNIT' THEN NULL
                WHEN i.aggregation = 'INCREMENTAL' THEN sum(a.value)
                ELSE (array_agg(a.value ORDER BY t.period_end DESC) FILTER (WHERE a.value IS NOT NULL))[1] END,
           CASE WHEN i.measure <> 'UNIT' THEN NULL
                WHEN i.aggregation = 'INCREMENTAL' THEN sum(t.value)
                ELSE (array_agg(t.value ORDER BY t.period_end DESC) FILTER (WHERE t.value IS NOT NULL))[1] END`;

/**
 * Results that say something (issue 17): an indicator says how its period values add up
 * (`aggregation`: INCREMENTAL summed, CUMULATIVE and LATEST take the latest period's), and the
 * standings' actual_sum / target_sum follow it, so a cumulative indicator with targets 800, 1,000
 * and 1,200 has a target of 1,200, not 3,000. Existing UNIT indicators stay INCREMENTAL (what the
 * roll-up assumed), the other measures become LATEST.
 */
export class IndicatorAggregation1765811000000 implements MigrationInterface {
  name = 'IndicatorAggregation1765811000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE indicators ADD COLUMN aggregation text NOT NULL DEFAULT 'INCREMENTAL'
        CHECK (aggregation IN ('INCREMENTAL', 'CUMULATIVE', 'LATEST'));
      UPDATE indicators SET aggregation = 'LATEST' WHERE measure <> 'UNIT';
      ${refreshIndicatorStandings(BY_AGGREGATION)}
      SELECT refresh_indicator_standings(array(SELECT id FROM indicators));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ${refreshIndicatorStandings(SUMMED)}
      ALTER TABLE indicators DROP COLUMN aggregation;
      SELECT refresh_indicator_standings(array(SELECT id FROM indicators));
    `);
  }
}
