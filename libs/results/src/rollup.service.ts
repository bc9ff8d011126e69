import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { fromDb } from './decimal';
import { GroupRow, RollupGrouping, RollupRepository } from './rollup.repository';
import { shareOnTrack } from './rollup-rules';

export type { RollupGrouping } from './rollup.repository';

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

/** Portfolio roll-up of programme results (programmes = proposals from APPROVED on). */
@Injectable()
export class RollupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly standings: RollupRepository,
  ) {}

  /**
   * Per thematic area, GCM objective or fund indicator, for a reporting year or since inception.
   * One SQL statement per call; pass the manager of a REPEATABLE READ transaction to read in a
   * report's snapshot. `approvedThrough`: a report cut at 31 December of that year counts only
   * the programmes approved by then (an allocation booked by then), not those approved later.
   */
  async rollup(
    by: 'fundIndicator',
    year?: number,
    manager?: EntityManager,
    approvedThrough?: number,
  ): Promise<FundIndicatorRollupGroup[]>;
  async rollup(
    by: RollupGrouping,
    year?: number,
    manager?: EntityManager,
    approvedThrough?: number,
  ): Promise<RollupGroup[]>;
  async rollup(
    by: RollupGrouping,
    year?: number,
    manager?: EntityManager,
    approvedThrough?: number,
  ): Promise<RollupGroup[]> {
    return this.toGroups(
      by,
      await this.standings.groups(manager ?? this.dataSource.manager, by, year, approvedThrough),
    );
  }

  /**
   * By thematic area, every reporting period ending on or before 31 December of `throughYear`
   * (a donor report's cut-off: a later period's actual never shows in a report for that year),
   * of the programmes approved by the end of `approvedThrough` (every one without it).
   */
  async areasThrough(
    throughYear: number,
    manager: EntityManager,
    approvedThrough?: number,
  ): Promise<RollupGroup[]> {
    return this.toGroups(
      'thematicArea',
      await this.standings.areasThrough(manager, throughYear, approvedThrough),
    );
  }

  private toGroups(by: RollupGrouping, rows: GroupRow[]): RollupGroup[] {
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
