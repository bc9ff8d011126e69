import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRows } from '@mptf/platform';
import { PROGRAMME_STATUSES } from '@mptf/proposals';

export type RollupGrouping = 'thematicArea' | 'gcmObjective' | 'fundIndicator';

export interface GroupRow {
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
 * Reads programme_standings (kept by triggers; see migration IndicatorStandings): per programme
 * and group, the year-0 row gives `indicators` (whatever the window) and the window's row its
 * counts (for since inception, the year-0 row itself). A group's `programmes` are its programmes
 * with a row. $1: programme statuses, $2: year (0 = since inception), $3: dimension, $4: a
 * report's cut year (null: none; see approvedBy).
 */
/**
 * A report cut at 31 December of a year counts only the programmes approved by then: with an
 * allocation booked by that year (finance's programme entries), as the portfolio counts them.
 */
const approvedBy = (year: string) => `(${year}::int IS NULL OR EXISTS (
        SELECT 1 FROM finance_programme_entry_v e
         WHERE e.proposal_id = p.id AND e.kind = 'ALLOCATION' AND e.year <= ${year}::int))`;

const PER_PROGRAMME = `
  WITH per_programme AS (
    SELECT a.key, a.proposal_id, p.thematic_area_code, a.indicators,
           coalesce(w.with_target, 0) AS with_target, coalesce(w.with_actual, 0) AS with_actual,
           coalesce(w.assessed, 0) AS assessed, coalesce(w.on_track, 0) AS on_track,
           w.actual_sum, w.target_sum
      FROM programme_standings a
      JOIN proposals_summary_v p ON p.id = a.proposal_id AND p.status = ANY($1::text[])
      LEFT JOIN programme_standings w ON w.dimension = a.dimension AND w.year = $2 AND w.key = a.key
           AND w.proposal_id = a.proposal_id
     WHERE a.dimension = $3 AND a.year = 0 AND ${approvedBy('$4')})`;

const GROUP_SUMS = `
  count(pp.proposal_id)::int AS programmes,
  coalesce(sum(pp.indicators), 0)::int AS indicators,
  coalesce(sum(pp.with_target), 0)::int AS with_target,
  coalesce(sum(pp.with_actual), 0)::int AS with_actual,
  coalesce(sum(pp.assessed), 0)::int AS assessed,
  coalesce(sum(pp.on_track), 0)::int AS on_track`;

const QUERIES: Record<RollupGrouping, { dimension: string; sql: string }> = {
  thematicArea: {
    dimension: 'programme',
    sql: `${PER_PROGRAMME}
      SELECT ta.code::int AS key, ta.short_title AS label, ${GROUP_SUMS}
        FROM reference_thematic_areas_v ta LEFT JOIN per_programme pp ON pp.thematic_area_code = ta.code
       GROUP BY ta.code, ta.short_title ORDER BY ta.code`,
  },
  // An indicator counts under its own GCM objectives, or under its programme's when it names none
  // (resolved when the standings are kept); an indicator can so count under several objectives.
  gcmObjective: {
    dimension: 'gcmObjective',
    sql: `${PER_PROGRAMME}
      SELECT g.code::int AS key, g.short_title AS label, ${GROUP_SUMS}
        FROM reference_gcm_objectives_v g LEFT JOIN per_programme pp ON pp.key = g.code::text
       GROUP BY g.code, g.short_title ORDER BY g.code`,
  },
  fundIndicator: {
    dimension: 'fundIndicator',
    sql: `${PER_PROGRAMME}
      SELECT f.code AS key, f.title AS label, f.thematic_area_code::int AS thematic_area_code, f.unit,
             ${GROUP_SUMS}, sum(pp.actual_sum)::text AS actual_sum, sum(pp.target_sum)::text AS target_sum
        FROM fund_indicators f LEFT JOIN per_programme pp ON pp.key = f.code
       GROUP BY f.code ORDER BY f.thematic_area_code, string_to_array(substr(f.code, 4), '.')::int[]`,
  },
};

/**
 * Per thematic area, every reporting period ending on or before 31 December of $2 (a report's
 * cut-off): each indicator's yearly standings up to that year combined as the year-0 row
 * combines its periods (target, actual: in any year; on track: the latest year judged), so a
 * report for Y never shows a later period's actual. $1: programme statuses, $2: the cut year,
 * $3: the cut year of the programmes (null in the current year: every programme; approvedBy).
 */
const THROUGH_YEAR = `
  WITH per_indicator AS (
    SELECT s.indicator_id, s.proposal_id, bool_or(s.has_target) AS has_target, bool_or(s.has_actual) AS has_actual,
           (array_agg(s.on_track ORDER BY s.year DESC) FILTER (WHERE s.on_track IS NOT NULL))[1] AS on_track
      FROM indicator_standings s
     WHERE s.year BETWEEN 1 AND $2
     GROUP BY s.indicator_id, s.proposal_id),
  per_programme AS (
    SELECT a.proposal_id, p.thematic_area_code, a.indicators,
           count(i.indicator_id) FILTER (WHERE i.has_target) AS with_target,
           count(i.indicator_id) FILTER (WHERE i.has_actual) AS with_actual,
           count(i.indicator_id) FILTER (WHERE i.on_track IS NOT NULL) AS assessed,
           count(i.indicator_id) FILTER (WHERE i.on_track) AS on_track
      FROM programme_standings a
      JOIN proposals_summary_v p ON p.id = a.proposal_id AND p.status = ANY($1::text[])
      LEFT JOIN per_indicator i ON i.proposal_id = a.proposal_id
     WHERE a.dimension = 'programme' AND a.year = 0 AND ${approvedBy('$3')}
     GROUP BY a.proposal_id, p.thematic_area_code, a.indicators)
  SELECT ta.code::int AS key, ta.short_title AS label, ${GROUP_SUMS}
    FROM reference_thematic_areas_v ta LEFT JOIN per_programme pp ON pp.thematic_area_code = ta.code
   GROUP BY ta.code, ta.short_title ORDER BY ta.code`;

/** The roll-up's read model (`programme_standings`, kept by triggers): one statement per grouping. */
@Injectable()
export class RollupRepository {
  /**
   * $1: programme statuses, $2: year (0 = since inception), $3: the standings' dimension;
   * `approvedThrough`: only the programmes approved by the end of that year (a report's cut).
   */
  async groups(
    db: SqlRunner,
    by: RollupGrouping,
    year?: number,
    approvedThrough?: number,
  ): Promise<GroupRow[]> {
    const { dimension, sql } = QUERIES[by];
    return sqlRows<GroupRow>(db, sql, [
      PROGRAMME_STATUSES,
      year ?? 0, // the standings' year 0 holds every period
      dimension,
      approvedThrough ?? null,
    ]);
  }

  /**
   * By thematic area, every period ending by 31 December of `throughYear` (THROUGH_YEAR), of the
   * programmes approved by the end of `approvedThrough` (every programme without it).
   */
  async areasThrough(db: SqlRunner, throughYear: number, approvedThrough?: number): Promise<GroupRow[]> {
    return sqlRows<GroupRow>(db, THROUGH_YEAR, [PROGRAMME_STATUSES, throughYear, approvedThrough ?? null]);
  }
}
