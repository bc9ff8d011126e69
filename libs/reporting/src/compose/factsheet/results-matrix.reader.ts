import { Injectable } from '@nestjs/common';
import { ratio } from '@mptf/platform';
import { IndicatorMeasure, IndicatorView, ResultsMatrixService, toScaled } from '@mptf/results';
import { EntityManager } from 'typeorm';
import { IndicatorProgress, ProgrammeResultsReader } from '../extension-points';

/** Measures on a numeric scale, where "share of the way from baseline to target" means something. */
const MEASURABLE = new Set<IndicatorMeasure>([IndicatorMeasure.UNIT, IndicatorMeasure.PERCENTAGE]);

/**
 * Progress of one indicator: (latest approved actual − baseline) ÷ (target − baseline), four
 * decimals, with the target of the last period that has one (the end-of-programme target). A
 * missing baseline value counts as 0; null when the measure is not numeric, nothing is approved
 * yet, there is no target, or the target equals the baseline.
 */
export function indicatorProgress(indicator: IndicatorView): {
  target: string | null;
  actual: string | null;
  progress: string | null;
} {
  const target = [...indicator.targets].reverse().find((period) => period.value !== null)?.value ?? null;
  const actual = indicator.progress.latestApproved?.value ?? null;
  if (!MEASURABLE.has(indicator.measure) || target === null || actual === null)
    return { target, actual, progress: null };
  const baseline = toScaled(indicator.baseline.value ?? '0');
  const span = toScaled(target) - baseline;
  if (span === 0n) return { target, actual, progress: null };
  return { target, actual, progress: ratio(toScaled(actual) - baseline, span, 4) };
}

/** The factsheet's results matrix from results (ResultsMatrixService.read in the run's snapshot). */
@Injectable()
export class ResultsMatrixReader implements ProgrammeResultsReader {
  constructor(private readonly matrices: ResultsMatrixService) {}

  async resultsMatrix(manager: EntityManager, programmeId: string): Promise<IndicatorProgress[]> {
    const matrix = await this.matrices.read(programmeId, manager);
    return matrix.results.flatMap((result) =>
      result.indicators.map((indicator) => {
        const { target, actual, progress } = indicatorProgress(indicator);
        return {
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
        };
      }),
    );
  }
}
