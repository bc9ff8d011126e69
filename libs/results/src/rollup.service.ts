import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PROGRAMME_STATUSES } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { fromDb } from './decimal';
import { shareOnTrack, yearWindow } from './rollup-rules';

export type RollupGrouping = 'thematicArea' | 'gcmObjective' | 'fundIndicator';

export interface RollupGroup {
  key: number | string;
  label: string;
  /** Programmes with at least one indicator in the group. */
  programmes: number;
  /** Indicators of programmes in the group (whatever the window). */
  indicators: number;
  /** Indicators with a target value for a period in the window. */
  withTarget: number;
  /** Indicators with an approved actual for a period in the window. */
  withActual: number;
  /** Indicators with both (the denominator of shareOnTrack). */
  assessed: number;
  onTrack: number;
  /** onTrack ÷ assessed, four decimals ("0.6667"); null when nothing is assessed. */
  shareOnTrack: string | null;
}

export interface FundIndicatorRollupGroup extends RollupGroup {
  key: string;
  thematicAreaCode: number;
  unit: string | null;
  /** Sum of approved actuals of UNIT indicators linked to it, in the window (decimal string). */
  approvedActualSum: string;
  /** Sum of the targets of UNIT indicators linked to it, in the window (decimal string). */
  targetSum: string;
}

interface GroupRow {
  key: number | string;
  label: string;
  programmes: number;
  indicators: number;
  with_target: number;
  with_actual: number;
  assessed: number;
  on_track: number;
  thematic_area_code?: number;
  unit?: string | null;
  actual_sum?: string | null;
  target_sum?: string | null;
}

/**
 * One row per programme indicator with its standing in the window ($2…$3, or every period when
 * $2 is null). The on-track rule of rollup-rules.ts in SQL: the latest period with a target and an
 * approved actual decides; ascending → actual ≥ target, descending → actual ≤ target.
 * Actual periods are always target periods (enforced on entry), so joining through targets
 * sees every approved actual.
 */
const INDICATOR_STANDING = `
  programme AS (
    SELECT id, thematic_area_code FROM proposals WHERE status = ANY($1::text[])
  ),
  period AS (
    SELECT t.indicator_id, t.period_end, t.value AS target, a.value AS actual
    FROM indicator_targets t
    JOIN indicators i ON i.id = t.indicator_id
    JOIN programme pr ON pr.id = i.proposal_id
    LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id AND a.period_start = t.period_start
      AND a.period_end = t.period_end AND a.status = 'APPROVED'
      -- Redundant with t's window (same period_end), but lets the planner read only the window's
      -- approved actuals from their partial index instead of scanning them all.
      AND ($2::date IS NULL OR a.period_end BETWEEN $2::date AND $3::date)
    WHERE $2::date IS NULL OR t.period_end BETWEEN $2::date AND $3::date
  ),
  standing AS (
    SELECT i.id, i.proposal_id, i.fund_indicator_code, pr.thematic_area_code,
           coalesce(bool_or(p.target IS NOT NULL), false) AS has_target,
           coalesce(bool_or(p.actual IS NOT NULL), false) AS has_actual,
           (array_agg(CASE WHEN i.ascending THEN p.actual >= p.target ELSE p.actual <= p.target END
                      ORDER BY p.period_end DESC)
              FILTER (WHERE p.target IS NOT NULL AND p.actual IS NOT NULL))[1] AS on_track,
           sum(p.actual) FILTER (WHERE i.measure = 'UNIT') AS actual_sum,
           sum(p.target) FILTER (WHERE i.measure = 'UNIT') AS target_sum
    FROM indicators i
    JOIN programme pr ON pr.id = i.proposal_id
    LEFT JOIN period p ON p.indicator_id = i.id
    GROUP BY i.id, i.proposal_id, i.fund_indicator_code, pr.thematic_area_code
  )`;

const COUNTS = `
  count(DISTINCT s.proposal_id)::int AS programmes,
  count(s.id)::int AS indicators,
  count(s.id) FILTER (WHERE s.has_target)::int AS with_target,
  count(s.id) FILTER (WHERE s.has_actual)::int AS with_actual,
  count(s.id) FILTER (WHERE s.on_track IS NOT NULL)::int AS assessed,
  count(s.id) FILTER (WHERE s.on_track)::int AS on_track`;

const QUERIES: Record<RollupGrouping, string> = {
  thematicArea: `
    WITH ${INDICATOR_STANDING}
    SELECT ta.code::int AS key, ta.short_title AS label, ${COUNTS}
    FROM thematic_areas ta LEFT JOIN standing s ON s.thematic_area_code = ta.code
    GROUP BY ta.code ORDER BY ta.code`,
  // An indicator counts under its own GCM objectives, or under its programme's when it names none;
  // an indicator can so count under several objectives.
  gcmObjective: `
    WITH ${INDICATOR_STANDING},
    tagged AS (
      SELECT s.*, o.gcm_objective_code AS objective
      FROM standing s JOIN indicator_objectives o ON o.indicator_id = s.id
      UNION ALL
      SELECT s.*, po.gcm_objective_code
      FROM standing s JOIN proposal_objectives po ON po.proposal_id = s.proposal_id
      WHERE NOT EXISTS (SELECT 1 FROM indicator_objectives o WHERE o.indicator_id = s.id)
    )
    SELECT g.code::int AS key, g.short_title AS label, ${COUNTS}
    FROM gcm_objectives g LEFT JOIN tagged s ON s.objective = g.code
    GROUP BY g.code ORDER BY g.code`,
  fundIndicator: `
    WITH ${INDICATOR_STANDING}
    SELECT f.code AS key, f.title AS label, f.thematic_area_code::int AS thematic_area_code, f.unit, ${COUNTS},
           sum(s.actual_sum)::text AS actual_sum, sum(s.target_sum)::text AS target_sum
    FROM fund_indicators f LEFT JOIN standing s ON s.fund_indicator_code = f.code
    GROUP BY f.code ORDER BY f.thematic_area_code, string_to_array(substr(f.code, 4), '.')::int[]`,
};

/** Portfolio roll-up of programme results (programmes = proposals from APPROVED on). */
@Injectable()
export class RollupService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per thematic area, GCM objective or fund indicator, for a reporting year or since inception.
   * One SQL statement per call; pass the manager of a REPEATABLE READ transaction to read in a
   * report's snapshot.
   */
  async rollup(
    by: 'fundIndicator',
    year?: number,
    manager?: EntityManager,
  ): Promise<FundIndicatorRollupGroup[]>;
  async rollup(by: RollupGrouping, year?: number, manager?: EntityManager): Promise<RollupGroup[]>;
  async rollup(by: RollupGrouping, year?: number, manager?: EntityManager): Promise<RollupGroup[]> {
    const db = manager ?? this.dataSource.manager;
    const window = yearWindow(year);
    const rows = (await db.query(QUERIES[by], [
      PROGRAMME_STATUSES,
      window?.from ?? null,
      window?.to ?? null,
    ])) as GroupRow[];
    return rows.map((row) => {
      const group: RollupGroup = {
        key: row.key,
        label: row.label,
        programmes: row.programmes,
        indicators: row.indicators,
        withTarget: row.with_target,
        withActual: row.with_actual,
        assessed: row.assessed,
        onTrack: row.on_track,
        shareOnTrack: shareOnTrack(row.on_track, row.assessed),
      };
      if (by !== 'fundIndicator') return group;
      const fundGroup: FundIndicatorRollupGroup = {
        ...group,
        key: String(row.key),
        thematicAreaCode: row.thematic_area_code as number,
        unit: row.unit ?? null,
        approvedActualSum: fromDb(row.actual_sum) ?? '0',
        targetSum: fromDb(row.target_sum) ?? '0',
      };
      return fundGroup;
    });
  }
}
