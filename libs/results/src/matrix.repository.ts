import { Injectable } from '@nestjs/common';
import { sqlRow, SqlRunner, sqlRows } from '@mptf/platform';
import {
  ActualStatus,
  IndicatorInput,
  IndicatorMeasure,
  ResultInput,
  ResultType,
  IndicatorAggregation,
} from './results.types';

export interface ResultRow {
  id: string;
  key: string;
  type: ResultType;
  title: string;
  parent_key: string | null;
}

export interface IndicatorRow {
  id: string;
  result_id: string;
  key: string;
  title: string;
  measure: IndicatorMeasure;
  aggregation: IndicatorAggregation;
  ascending: boolean;
  unit: string | null;
  fund_indicator_code: string | null;
  baseline_year: number;
  baseline_value: string | null;
  gcm_objective_codes: number[];
  /** The indicator judged on its latest assessed period since inception (its standing); null if none. */
  on_track: boolean | null;
}

export interface TargetRow {
  indicator_id: string;
  period_start: string;
  period_end: string;
  value: string | null;
  actual_id: string | null;
  actual_status: ActualStatus | null;
  actual_value: string | null;
  /** The period judged by results_period_on_track once its actual is approved; null until then. */
  on_track: boolean | null;
}

/**
 * One proposal's indicators counted by standing, as `indicatorStanding` (reporting) names each
 * indicator from its matrix view: Overdue when a target period ended more than the grace days
 * before today without an approved actual (dueState), else on track / off track by its standing
 * since inception (indicator_standings, year 0), else not yet assessed.
 */
export interface StandingCountsRow {
  proposal_id: string;
  on_track: number;
  off_track: number;
  overdue: number;
  not_assessed: number;
}

export interface MatrixSummary {
  results: string[];
  indicators: string[];
  targets: number;
}

/**
 * A proposal's results matrix: results (outcomes, outputs), indicators with their GCM objectives
 * and target periods. The on-track rule is the database's (migration ResultsOnTrackRule): a
 * period's judgement is `results_period_on_track`, an indicator's its standing since inception
 * (`indicator_standings`, year 0), which the roll-up reads too.
 */
@Injectable()
export class MatrixRepository {
  async summary(db: SqlRunner, proposalId: string): Promise<MatrixSummary> {
    const [row] = await sqlRows<MatrixSummary>(
      db,
      `SELECT (SELECT coalesce(array_agg(key ORDER BY position), '{}') FROM matrix_results WHERE proposal_id = $1) AS results,
              (SELECT coalesce(array_agg(key ORDER BY key), '{}') FROM indicators WHERE proposal_id = $1) AS indicators,
              (SELECT count(*)::int FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id
                WHERE i.proposal_id = $1) AS targets`,
      [proposalId],
    );
    return row;
  }

  /** The periods with an approved actual, by indicator key. */
  async approvedPeriods(
    db: SqlRunner,
    proposalId: string,
  ): Promise<{ key: string; periodStart: string; periodEnd: string }[]> {
    return sqlRows(
      db,
      `SELECT i.key, a.period_start::text AS "periodStart", a.period_end::text AS "periodEnd"
         FROM indicator_actuals a JOIN indicators i ON i.id = a.indicator_id
        WHERE a.proposal_id = $1 AND a.status = $2`,
      [proposalId, ActualStatus.APPROVED],
    );
  }

  /** Inserts or updates the result with this key; returns its id. */
  async upsertResult(
    db: SqlRunner,
    proposalId: string,
    result: ResultInput,
    parentId: string | null,
    position: number,
  ): Promise<string> {
    const [{ id }] = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO matrix_results (proposal_id, key, type, title, parent_id, position)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (proposal_id, key) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title,
         parent_id = EXCLUDED.parent_id, position = EXCLUDED.position, updated_at = now()
       RETURNING id`,
      [proposalId, result.key, result.type, result.title, parentId, position],
    );
    return id;
  }

  /** Inserts or updates the indicator with this key; returns its id. */
  async upsertIndicator(
    db: SqlRunner,
    proposalId: string,
    resultId: string | null,
    indicator: IndicatorInput,
    position: number,
  ): Promise<string> {
    const [{ id }] = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO indicators (proposal_id, result_id, key, title, measure, ascending, unit, fund_indicator_code,
         baseline_year, baseline_value, position, aggregation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (proposal_id, key) DO UPDATE SET result_id = EXCLUDED.result_id, title = EXCLUDED.title,
         measure = EXCLUDED.measure, aggregation = EXCLUDED.aggregation, ascending = EXCLUDED.ascending, unit = EXCLUDED.unit,
         fund_indicator_code = EXCLUDED.fund_indicator_code, baseline_year = EXCLUDED.baseline_year,
         baseline_value = EXCLUDED.baseline_value, position = EXCLUDED.position, updated_at = now()
       RETURNING id`,
      [
        proposalId,
        resultId,
        indicator.key,
        indicator.title,
        indicator.measure,
        indicator.ascending,
        indicator.unit,
        indicator.fundIndicatorCode,
        indicator.baseline.year,
        indicator.baseline.value,
        position,
        indicator.aggregation,
      ],
    );
    return id;
  }

  /** Moves and renames an existing indicator (a revision's shape); false when no indicator has the key. */
  async reshapeIndicator(
    db: SqlRunner,
    proposalId: string,
    change: { key: string; title: string; resultId: string; position: number },
  ): Promise<string | null> {
    const row = await sqlRow<{ id: string }>(
      db,
      `UPDATE indicators SET result_id = $3, title = $4, position = $5, updated_at = now()
        WHERE proposal_id = $1 AND key = $2 RETURNING id`,
      [proposalId, change.key, change.resultId, change.title, change.position],
    );
    return row?.id ?? null;
  }

  async replaceObjectives(db: SqlRunner, indicatorId: string, codes: number[]): Promise<void> {
    await db.query(`DELETE FROM indicator_objectives WHERE indicator_id = $1`, [indicatorId]);
    if (!codes.length) return;
    await db.query(
      `INSERT INTO indicator_objectives (indicator_id, gcm_objective_code) SELECT $1, unnest($2::smallint[])`,
      [indicatorId, codes],
    );
  }

  async replaceTargets(
    db: SqlRunner,
    indicatorId: string,
    targets: IndicatorInput['targets'],
  ): Promise<void> {
    await db.query(`DELETE FROM indicator_targets WHERE indicator_id = $1`, [indicatorId]);
    if (!targets.length) return;
    await db.query(
      `INSERT INTO indicator_targets (indicator_id, period_start, period_end, value)
       SELECT $1, * FROM unnest($2::date[], $3::date[], $4::numeric[])`,
      [
        indicatorId,
        targets.map((target) => target.periodStart),
        targets.map((target) => target.periodEnd),
        targets.map((target) => target.value),
      ],
    );
  }

  /**
   * Deletes the unapproved actuals whose indicator is not among `keptIndicatorIds` or whose period
   * is no longer a target period; returns how many went.
   */
  async deleteOrphanActuals(db: SqlRunner, proposalId: string, keptIndicatorIds: string[]): Promise<number> {
    const deleted = await sqlRows(
      db,
      `DELETE FROM indicator_actuals a
        WHERE a.proposal_id = $1 AND a.status <> $3
          AND NOT (a.indicator_id = ANY($2::uuid[]) AND EXISTS (
            SELECT 1 FROM indicator_targets t WHERE t.indicator_id = a.indicator_id
              AND t.period_start = a.period_start AND t.period_end = a.period_end))
       RETURNING 1`,
      [proposalId, keptIndicatorIds, ActualStatus.APPROVED],
    );
    return deleted.length;
  }

  /** Deletes the indicators and results of the proposal that are not among the kept ids. */
  async deleteOthers(
    db: SqlRunner,
    proposalId: string,
    kept: { indicatorIds: string[]; resultIds: string[] },
  ): Promise<void> {
    await db.query(`DELETE FROM indicators WHERE proposal_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
      proposalId,
      kept.indicatorIds,
    ]);
    await db.query(`DELETE FROM matrix_results WHERE proposal_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
      proposalId,
      kept.resultIds,
    ]);
  }

  async results(db: SqlRunner, proposalId: string): Promise<ResultRow[]> {
    return this.resultsOf(db, [proposalId]);
  }

  /** The results of several proposals (each row names its proposal), in their order. */
  async resultsOf(db: SqlRunner, proposalIds: string[]): Promise<(ResultRow & { proposal_id: string })[]> {
    return sqlRows(
      db,
      `SELECT r.id, r.proposal_id, r.key, r.type, r.title, parent.key AS parent_key
         FROM matrix_results r LEFT JOIN matrix_results parent ON parent.id = r.parent_id
        WHERE r.proposal_id = ANY($1::uuid[]) ORDER BY r.proposal_id, r.position`,
      [proposalIds],
    );
  }

  async indicators(db: SqlRunner, proposalId: string): Promise<IndicatorRow[]> {
    return this.indicatorsOf(db, [proposalId]);
  }

  /** The indicators of several proposals (each row names its proposal), in their order. */
  async indicatorsOf(
    db: SqlRunner,
    proposalIds: string[],
  ): Promise<(IndicatorRow & { proposal_id: string })[]> {
    return sqlRows(
      db,
      `SELECT i.id, i.proposal_id, i.result_id, i.key, i.title, i.measure, i.aggregation, i.ascending, i.unit,
              i.fund_indicator_code, i.baseline_year, i.baseline_value::text AS baseline_value,
              coalesce((SELECT array_agg(o.gcm_objective_code::int ORDER BY o.gcm_objective_code)
                        FROM indicator_objectives o WHERE o.indicator_id = i.id), '{}') AS gcm_objective_codes,
              s.on_track
         FROM indicators i
         LEFT JOIN indicator_standings s ON s.indicator_id = i.id AND s.year = 0
        WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY i.proposal_id, i.position`,
      [proposalIds],
    );
  }

  /** Every target period of the proposal's indicators with the actual reported for it, if any. */
  async targets(db: SqlRunner, proposalId: string): Promise<TargetRow[]> {
    return this.targetsOf(db, [proposalId]);
  }

  /** The target periods of several proposals' indicators (each row names its proposal). */
  async targetsOf(db: SqlRunner, proposalIds: string[]): Promise<(TargetRow & { proposal_id: string })[]> {
    return sqlRows(
      db,
      `SELECT i.proposal_id, t.indicator_id, t.period_start::text AS period_start, t.period_end::text AS period_end,
              t.value::text AS value, a.id AS actual_id, a.status AS actual_status, a.value::text AS actual_value,
              CASE WHEN a.status = $2 THEN results_period_on_track(i.ascending, a.value, t.value) END AS on_track
         FROM indicator_targets t
         JOIN indicators i ON i.id = t.indicator_id
         LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id
           AND a.period_start = t.period_start AND a.period_end = t.period_end
        WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY i.proposal_id, t.period_start`,
      [proposalIds, ActualStatus.APPROVED],
    );
  }

  /**
   * Per proposal of `proposalIds` with indicators, its indicators by standing (StandingCountsRow):
   * the annual report's results annex, counted here instead of reading every target period.
   * A period is overdue when `today - period_end > graceDays` (dueState) and no approved actual.
   */
  async standingCountsOf(
    db: SqlRunner,
    proposalIds: string[],
    today: string,
    graceDays: number,
  ): Promise<StandingCountsRow[]> {
    return sqlRows(
      db,
      `WITH judged AS (
         SELECT i.proposal_id, s.on_track,
                EXISTS (SELECT 1 FROM indicator_targets t
                         WHERE t.indicator_id = i.id AND t.period_end < $2::date - $3::int
                           AND NOT EXISTS (SELECT 1 FROM indicator_actuals a
                                            WHERE a.indicator_id = t.indicator_id AND a.status = $4
                                              AND a.period_start = t.period_start AND a.period_end = t.period_end)
                       ) AS overdue
           FROM indicators i
           LEFT JOIN indicator_standings s ON s.indicator_id = i.id AND s.year = 0
          WHERE i.proposal_id = ANY($1::uuid[]))
       SELECT proposal_id,
              count(*) FILTER (WHERE NOT overdue AND on_track)::int AS on_track,
              count(*) FILTER (WHERE NOT overdue AND NOT on_track)::int AS off_track,
              count(*) FILTER (WHERE overdue)::int AS overdue,
              count(*) FILTER (WHERE NOT overdue AND on_track IS NULL)::int AS not_assessed
         FROM judged GROUP BY proposal_id`,
      [proposalIds, today, graceDays, ActualStatus.APPROVED],
    );
  }
}
