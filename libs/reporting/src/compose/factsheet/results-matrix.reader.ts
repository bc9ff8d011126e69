import { Injectable } from '@nestjs/common';
import { formatDate } from '@mptf/common';
import { ratio } from '@mptf/platform';
import {
  ActualStatus,
  IndicatorAggregation,
  IndicatorMeasure,
  IndicatorView,
  MatrixView,
  ResultsMatrixService,
  toScaled,
} from '@mptf/results';
import { EntityManager } from 'typeorm';
import { IndicatorProgress, ProgrammeResultsReader, StandingCounts } from '../extension-points';

/** Measures on a numeric scale, where "share of the way from baseline to target" means something. */
const MEASURABLE = new Set<IndicatorMeasure>([IndicatorMeasure.UNIT, IndicatorMeasure.PERCENTAGE]);

/** Four-decimal scaled integers back to a plain decimal string ("1200", "12.5"). */
function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(5, '0');
  const whole = digits.slice(0, -4);
  const fraction = digits.slice(-4).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const sum = (values: string[]): string | null =>
  values.length ? fromScaled(values.reduce((total, value) => total + toScaled(value), 0n)) : null;

/**
 * An indicator's figures by its aggregation (domain.md, "Results that say something"):
 * INCREMENTAL indicators add their periods (targets summed, approved actuals summed);
 * CUMULATIVE and LATEST take the latest period's (the end-of-period target, the latest approved
 * actual). Progress = (actual − baseline) ÷ (target − baseline) for CUMULATIVE/LATEST and
 * actual ÷ target for INCREMENTAL (a period sum starts from zero), four decimals; null when the
 * measure is not numeric, nothing is approved, there is no target, or the span is zero.
 */
export function indicatorProgress(
  indicator: IndicatorView,
  year?: number,
): { target: string | null; actual: string | null; progress: string | null; targetForYear?: string | null } {
  const incremental =
    (indicator.aggregation ?? IndicatorAggregation.INCREMENTAL) === IndicatorAggregation.INCREMENTAL;
  const withTarget = indicator.targets.filter((period) => period.value !== null);
  const pick = (periods: typeof withTarget) =>
    incremental ? sum(periods.map((p) => p.value as string)) : (periods[periods.length - 1]?.value ?? null);
  const target = pick(withTarget);
  const approved = indicator.targets.filter(
    (period) => period.actual?.status === ActualStatus.APPROVED && period.actual.value !== null,
  );
  const actual =
    incremental && approved.length
      ? sum(approved.map((p) => p.actual?.value as string))
      : (indicator.progress.latestApproved?.value ?? null);
  const forYear =
    year === undefined
      ? {}
      : { targetForYear: pick(withTarget.filter((p) => p.periodEnd.startsWith(`${year}-`))) };
  if (!MEASURABLE.has(indicator.measure) || target === null || actual === null)
    return { target, actual, progress: null, ...forYear };
  const baseline = incremental ? 0n : toScaled(indicator.baseline.value ?? '0');
  const span = toScaled(target) - baseline;
  if (span === 0n) return { target, actual, progress: null, ...forYear };
  return { target, actual, progress: ratio(toScaled(actual) - baseline, span, 4), ...forYear };
}

/** On track / Off track / Overdue / Not yet assessed, as a results table shows it. */
export function indicatorStanding(indicator: IndicatorView): string {
  const overdue = indicator.targets.filter((period) => period.due === 'OVERDUE');
  if (overdue.length) return `Overdue (period ending ${formatDate(overdue[overdue.length - 1].periodEnd)})`;
  if (indicator.progress.onTrack === true) return 'On track';
  if (indicator.progress.onTrack === false) return 'Off track';
  return 'Not yet assessed';
}

/** The factsheet's and the annual report's results tables from results (ResultsMatrixService.read in the run's snapshot). */
@Injectable()
export class ResultsMatrixReader implements ProgrammeResultsReader {
  constructor(private readonly matrices: ResultsMatrixService) {}

  /** `year`: the year whose periods make "target for the year". */
  async resultsMatrix(
    manager: EntityManager,
    programmeId: string,
    year: number,
  ): Promise<IndicatorProgress[]> {
    return progressRows(await this.matrices.read(programmeId, manager), year);
  }

  async resultsMatrices(
    manager: EntityManager,
    programmeIds: string[],
    year: number,
  ): Promise<Map<string, IndicatorProgress[]>> {
    const matrices = await this.matrices.readMany(programmeIds, manager);
    return new Map([...matrices].map(([id, matrix]) => [id, progressRows(matrix, year)]));
  }

  async standingCounts(manager: EntityManager, programmeIds: string[]): Promise<Map<string, StandingCounts>> {
    const rows = await this.matrices.standingCounts(programmeIds, manager);
    return new Map(
      [...rows].map(([id, row]) => [
        id,
        {
          onTrack: row.on_track,
          offTrack: row.off_track,
          overdue: row.overdue,
          notAssessed: row.not_assessed,
        },
      ]),
    );
  }
}

/** A results table's rows of one matrix. */
function progressRows(matrix: MatrixView, forYear: number): IndicatorProgress[] {
  return matrix.results.flatMap((result) =>
    result.indicators.map((indicator) => {
      const { target, actual, progress, targetForYear } = indicatorProgress(indicator, forYear);
      const latest = indicator.progress.latestApproved;
      return {
        indicatorKey: indicator.key,
        resultKey: result.key,
        resultType: result.type,
        resultTitle: result.title,
        indicatorTitle: indicator.title,
        measure: indicator.measure,
        unit: indicator.unit,
        baseline: indicator.baseline.value,
        target,
        actual,
        progress,
        aggregation: indicator.aggregation,
        targetForYear: targetForYear ?? null,
        year: forYear,
        // Dates as every screen and report writes them ("1 Jan 2026 – 31 Dec 2026"), not ISO.
        latestPeriod: latest ? `${formatDate(latest.periodStart)} – ${formatDate(latest.periodEnd)}` : null,
        standing: indicatorStanding(indicator),
      };
    }),
  );
}
