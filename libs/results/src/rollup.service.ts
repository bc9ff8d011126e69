import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PROGRAMME_STATUSES } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { fromDb } from './decimal';
import { shareOnTrack } from './rollup-rules';

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
 * The window's standing of each indicator comes from indicator_standings (kept by triggers; see
 * migration IndicatorStandings): one row per indicator and year (0 = since inception) with
 * has_target, has_actual, on_track (the rule of rollup-rules.ts) and the UNIT sums. Indicators
 * without a target period in the window have no row and count only in `indicators`.
 *
 * Each grouping first aggregates per programme (or per programme and group), then per group:
 * counting distinct programmes over one row per indicator was most of the cost at 20,000
 * indicators.
 * $1: programme statuses, $2: year (0 = since inception).
 */
const PROGRAMME = `programme AS MATERIALIZED (SELECT id, thematic_area_code FROM proposals WHERE status = ANY($1::text[]))`;
const WINDOW = `win AS (
  SELECT indicator_id, proposal_id, has_target, has_actual, on_track FROM indicator_standings WHERE year = $2)`;

/** Window counts of the rows of `source` (columns has_target, has_actual, on_track). */
const WINDOW_COUNTS = `
  count(*) FILTER (WHERE has_target) AS with_target,
  count(*) FILTER (WHERE has_actual) AS with_actual,
  count(*) FILTER (WHERE on_track IS NOT NULL) AS assessed,
  count(*) FILTER (WHERE on_track) AS on_track`;

/** Sums of per-programme rows `pp` into a group's counts. */
const GROUP_SUMS = `
  count(pp.proposal_id)::int AS programmes,
  coalesce(sum(pp.indicators), 0)::int AS indicators,
  coalesce(sum(pp.with_target), 0)::int AS with_target,
  coalesce(sum(pp.with_actual), 0)::int AS with_actual,
  coalesce(sum(pp.assessed), 0)::int AS assessed,
  coalesce(sum(pp.on_track), 0)::int AS on_track`;

/** Per programme: all its indicators, and the window counts of those with a standing. */
const PER_PROGRAMME = `
  every AS (
    SELECT c.proposal_id, c.indicators,
           coalesce(w.with_target, 0) AS with_target, coalesce(w.with_actual, 0) AS with_actual,
           coalesce(w.assessed, 0) AS assessed, coalesce(w.on_track, 0) AS on_track
      FROM (SELECT proposal_id, count(*) AS indicators FROM indicators GROUP BY proposal_id) c
      LEFT JOIN (SELECT proposal_id, ${WINDOW_COUNTS} FROM win GROUP BY proposal_id) w
             ON w.proposal_id = c.proposal_id)`;

const QUERIES: Record<RollupGrouping, string> = {
  thematicArea: `
    WITH ${PROGRAMME}, ${WINDOW}, ${PER_PROGRAMME}
    SELECT ta.code::int AS key, ta.short_title AS label, ${GROUP_SUMS}
      FROM thematic_areas ta
      LEFT JOIN (SELECT e.*, pr.thematic_area_code FROM every e JOIN programme pr ON pr.id = e.proposal_id) pp
             ON pp.thematic_area_code = ta.code
     GROUP BY ta.code ORDER BY ta.code`,
  // An indicator counts under its own GCM objectives, or under its programme's when it names none;
  // an indicator can so count under several objectives. The untagged ones of a programme are its
  // indicators minus its tagged ones, so only the (few) tagged indicators are read one by one.
  gcmObjective: `
    WITH ${PROGRAMME}, ${WINDOW}, ${PER_PROGRAMME},
    tagged_standing AS (
      SELECT i.id, i.proposal_id, w.has_target, w.has_actual, w.on_track
        FROM (SELECT DISTINCT indicator_id FROM indicator_objectives) x
        JOIN indicators i ON i.id = x.indicator_id
        LEFT JOIN win w ON w.indicator_id = x.indicator_id),
    tagged AS (
      SELECT o.gcm_objective_code AS objective, s.*
        FROM indicator_objectives o JOIN tagged_standing s ON s.id = o.indicator_id),
    tagged_per_programme AS (
      SELECT proposal_id, count(*) AS indicators, ${WINDOW_COUNTS} FROM tagged_standing GROUP BY proposal_id),
    counted AS (
      SELECT po.gcm_objective_code AS objective, e.proposal_id,
             e.indicators - coalesce(t.indicators, 0) AS indicators,
             e.with_target - coalesce(t.with_target, 0) AS with_target,
             e.with_actual - coalesce(t.with_actual, 0) AS with_actual,
             e.assessed - coalesce(t.assessed, 0) AS assessed,
             e.on_track - coalesce(t.on_track, 0) AS on_track
        FROM every e
        JOIN proposal_objectives po ON po.proposal_id = e.proposal_id
        LEFT JOIN tagged_per_programme t ON t.proposal_id = e.proposal_id
       WHERE e.indicators > coalesce(t.indicators, 0)
      UNION ALL
      SELECT objective, proposal_id, count(*) AS indicators, ${WINDOW_COUNTS}
        FROM tagged GROUP BY objective, proposal_id),
    per_programme AS (
      SELECT c.objective, c.proposal_id, sum(c.indicators) AS indicators, sum(c.with_target) AS with_target,
             sum(c.with_actual) AS with_actual, sum(c.assessed) AS assessed, sum(c.on_track) AS on_track
        FROM counted c JOIN programme pr ON pr.id = c.proposal_id
       GROUP BY c.objective, c.proposal_id)
    SELECT g.code::int AS key, g.short_title AS label, ${GROUP_SUMS}
      FROM gcm_objectives g LEFT JOIN per_programme pp ON pp.objective = g.code
     GROUP BY g.code ORDER BY g.code`,
  fundIndicator: `
    WITH ${PROGRAMME},
    per_programme AS (
      SELECT i.fund_indicator_code AS code, i.proposal_id, count(*) AS indicators, ${WINDOW_COUNTS},
             sum(w.actual_sum) AS actual_sum, sum(w.target_sum) AS target_sum
        FROM indicators i
        JOIN programme pr ON pr.id = i.proposal_id
        LEFT JOIN indicator_standings w ON w.year = $2 AND w.indicator_id = i.id
       WHERE i.fund_indicator_code IS NOT NULL
       GROUP BY i.fund_indicator_code, i.proposal_id)
    SELECT f.code AS key, f.title AS label, f.thematic_area_code::int AS thematic_area_code, f.unit,
           ${GROUP_SUMS}, sum(pp.actual_sum)::text AS actual_sum, sum(pp.target_sum)::text AS target_sum
      FROM fund_indicators f LEFT JOIN per_programme pp ON pp.code = f.code
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
    const rows = (await db.query(QUERIES[by], [
      PROGRAMME_STATUSES,
      year ?? 0, // indicator_standings' year 0 holds every period
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
