import { ErrorDetail } from '@mptf/platform';
import { z } from 'zod';
import { compareDecimal, normalizeDecimal } from './decimal';
import { isIsoDate, periodsOverlap } from './period-window';
import {
  defaultAggregation,
  IndicatorAggregation,
  IndicatorMeasure,
  MatrixInput,
  PeriodWindow,
  ResultType,
} from './results.types';

/**
 * Validation of a results matrix in two passes, each reporting every problem at once with a
 * field path like `results[1].indicators[0].targets[2].periodEnd`:
 * - shape (`parseMatrixShape`): types, required fields, unknown fields → 400;
 * - business rules (`matrixRuleViolations`): keys, hierarchy, values by measure, periods → 422.
 * The matrix body is validated here rather than by class-validator so nested paths read as above.
 */

export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const FUND_INDICATOR_CODE = /^FI-\d{1,2}\.\d{1,2}$/;
export const MAX_RESULTS = 100;
export const MAX_INDICATORS_PER_RESULT = 50;
export const MAX_TARGETS_PER_INDICATOR = 60;

const key = z.string().regex(KEY_PATTERN, 'must be 1–40 letters, digits, ".", "_" or "-"');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const date = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const decimal = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const normalized = normalizeDecimal(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: 'must be a number with at most 16 digits and 4 decimals' });
      return z.NEVER;
    }
    return normalized;
  })
  .nullable()
  .optional();

const targetSchema = z.strictObject({
  periodStart: date,
  periodEnd: date,
  value: decimal,
});

const indicatorSchema = z.strictObject({
  key,
  title: text(500),
  measure: z.enum(IndicatorMeasure),
  aggregation: z.enum(IndicatorAggregation).optional(),
  ascending: z.boolean(),
  unit: z.string().trim().max(50, 'must be at most 50 characters').nullable().optional(),
  fundIndicatorCode: z.string().regex(FUND_INDICATOR_CODE, 'must look like FI-1.2').nullable().optional(),
  gcmObjectiveCodes: z
    .array(z.number().int().min(1, 'must be 1–23').max(23, 'must be 1–23'))
    .max(23)
    .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code')
    .optional(),
  baseline: z.strictObject({
    year: z.number().int().min(1900, 'must be a year').max(2200, 'must be a year'),
    value: decimal,
  }),
  targets: z.array(targetSchema).max(MAX_TARGETS_PER_INDICATOR),
});

const resultSchema = z.strictObject({
  key,
  type: z.enum(ResultType),
  title: text(500),
  parentKey: key.nullable().optional(),
  indicators: z.array(indicatorSchema).max(MAX_INDICATORS_PER_RESULT),
});

const matrixSchema = z.strictObject({
  results: z.array(resultSchema).max(MAX_RESULTS),
});

/** `['results', 1, 'indicators', 0, 'title']` → `results[1].indicators[0].title`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return 'is required';
  return issue.message.replace(/^Invalid input: /, '');
}

export type ShapeResult = { ok: true; matrix: MatrixInput } | { ok: false; details: ErrorDetail[] };

/** Shape errors (400), every one with its field path. */
export function parseMatrixShape(body: unknown): ShapeResult {
  const parsed = matrixSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.flatMap((issue): ErrorDetail[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((name) => ({ field: fieldPath([...issue.path, name]), message: 'is not allowed' }))
        : [{ field: fieldPath(issue.path) || 'body', message: issueMessage(issue) }],
    );
    return { ok: false, details };
  }
  return {
    ok: true,
    matrix: {
      results: parsed.data.results.map((result) => ({
        key: result.key,
        type: result.type,
        title: result.title,
        parentKey: result.parentKey ?? null,
        indicators: result.indicators.map((indicator) => ({
          key: indicator.key,
          title: indicator.title,
          measure: indicator.measure,
          aggregation: indicator.aggregation ?? defaultAggregation(indicator.measure),
          ascending: indicator.ascending,
          unit: indicator.unit ? indicator.unit : null,
          fundIndicatorCode: indicator.fundIndicatorCode ?? null,
          gcmObjectiveCodes: [...(indicator.gcmObjectiveCodes ?? [])].sort((a, b) => a - b),
          baseline: { year: indicator.baseline.year, value: indicator.baseline.value ?? null },
          targets: indicator.targets.map((target) => ({
            periodStart: target.periodStart,
            periodEnd: target.periodEnd,
            value: target.value ?? null,
          })),
        })),
      })),
    },
  };
}

/**
 * The value rule shared by baselines, targets and actuals: required unless the measure is
 * qualitative (then it must be empty), and a percentage lies within 0–100.
 */
export function valueViolations(
  measure: IndicatorMeasure,
  value: string | null,
  field: string,
): ErrorDetail[] {
  if (measure === IndicatorMeasure.QUALITATIVE) {
    return value === null
      ? []
      : [{ field, rule: 'QUALITATIVE_NO_VALUE', message: 'must be empty for a qualitative indicator' }];
  }
  if (value === null) {
    return [
      { field, rule: 'VALUE_REQUIRED', message: `is required for a ${measure.toLowerCase()} indicator` },
    ];
  }
  if (
    measure === IndicatorMeasure.PERCENTAGE &&
    (compareDecimal(value, '0') < 0 || compareDecimal(value, '100') > 0)
  ) {
    return [{ field, rule: 'PERCENTAGE_RANGE', message: 'must be a percentage between 0 and 100' }];
  }
  return [];
}

export interface MatrixRuleContext {
  /** Where reporting periods must fall (see `programmeWindow`). */
  window: PeriodWindow;
  /** Active fund indicators a programme indicator may link to, by code, with their measure and unit. */
  fundIndicators: ReadonlyMap<string, { measure: string; unit: string | null }>;
}

/** Units compare without case or surrounding space: "People" is "people ". */
export const sameUnit = (a: string | null, b: string | null) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** Business-rule violations (422) of a well-shaped matrix; empty when it is valid. */
export function matrixRuleViolations(matrix: MatrixInput, context: MatrixRuleContext): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const add = (field: string, rule: string, message: string) => details.push({ field, rule, message });

  const resultTypes = new Map<string, ResultType>();
  matrix.results.forEach((result, r) => {
    if (resultTypes.has(result.key))
      add(`results[${r}].key`, 'DUPLICATE_KEY', `"${result.key}" is used twice`);
    else resultTypes.set(result.key, result.type);
  });

  const indicatorKeys = new Set<string>();
  matrix.results.forEach((result, r) => {
    const at = `results[${r}]`;
    if (result.type === ResultType.OUTCOME && result.parentKey !== null) {
      add(`${at}.parentKey`, 'HIERARCHY', 'an outcome has no parent');
    }
    if (result.type === ResultType.OUTPUT) {
      if (result.parentKey === null)
        add(`${at}.parentKey`, 'HIERARCHY', 'an output needs the key of its outcome');
      else if (resultTypes.get(result.parentKey) !== ResultType.OUTCOME)
        add(`${at}.parentKey`, 'HIERARCHY', `"${result.parentKey}" is not an outcome of this matrix`);
    }
    if (result.indicators.length === 0) {
      add(`${at}.indicators`, 'INDICATOR_REQUIRED', 'every result needs at least one indicator');
    }

    result.indicators.forEach((indicator, i) => {
      const ind = `${at}.indicators[${i}]`;
      if (indicatorKeys.has(indicator.key))
        add(`${ind}.key`, 'DUPLICATE_KEY', `"${indicator.key}" is used twice`);
      indicatorKeys.add(indicator.key);
      const fund = indicator.fundIndicatorCode
        ? context.fundIndicators.get(indicator.fundIndicatorCode)
        : null;
      if (indicator.fundIndicatorCode !== null && !fund) {
        add(
          `${ind}.fundIndicatorCode`,
          'FUND_INDICATOR_UNKNOWN',
          `"${indicator.fundIndicatorCode}" is not an active fund indicator`,
        );
      } else if (fund && fund.measure !== indicator.measure) {
        add(
          `${ind}.measure`,
          'FUND_INDICATOR_MEASURE',
          `must be ${fund.measure} like fund indicator ${indicator.fundIndicatorCode} it is linked to`,
        );
      } else if (fund && fund.unit !== null && !sameUnit(fund.unit, indicator.unit)) {
        // Rolled up, a link adds this indicator's values to the fund indicator's: units must agree.
        add(
          `${ind}.unit`,
          'FUND_INDICATOR_UNIT',
          `must be "${fund.unit}", the unit of fund indicator ${indicator.fundIndicatorCode} it is linked to (got ${indicator.unit ? `"${indicator.unit}"` : 'none'})`,
        );
      }
      details.push(...valueViolations(indicator.measure, indicator.baseline.value, `${ind}.baseline.value`));

      indicator.targets.forEach((target, t) => {
        const tgt = `${ind}.targets[${t}]`;
        details.push(...valueViolations(indicator.measure, target.value, `${tgt}.value`));
        if (target.periodEnd < target.periodStart) {
          add(`${tgt}.periodEnd`, 'PERIOD_ORDER', 'must not be before periodStart');
          return;
        }
        if (target.periodStart < context.window.start) {
          add(
            `${tgt}.periodStart`,
            'PERIOD_OUTSIDE_PROGRAMME',
            `must be on or after the programme start ${context.window.start}`,
          );
        }
        if (target.periodEnd > context.window.end) {
          add(
            `${tgt}.periodEnd`,
            'PERIOD_OUTSIDE_PROGRAMME',
            `must be on or before the programme end ${context.window.end}`,
          );
        }
        const clash = indicator.targets.findIndex(
          (other, o) => o < t && other.periodStart <= other.periodEnd && periodsOverlap(other, target),
        );
        if (clash >= 0) add(`${tgt}.periodStart`, 'PERIOD_OVERLAP', `overlaps targets[${clash}]`);
      });
    });
  });
  return details;
}
