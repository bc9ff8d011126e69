import { ErrorDetail, InvalidStateError } from '@mptf/platform';
import { formatScaled, toScaled } from './decimal';
import { valueViolations } from './matrix-validation';
import { daysBetween } from './period-window';
import { ActualStatus, DisaggregationPart, IndicatorMeasure } from './results.types';

export enum ActualAction {
  EDIT = 'edit',
  SUBMIT = 'submit',
  APPROVE = 'approve',
  RETURN = 'return',
}

const S = ActualStatus;

/** draft → submitted → approved | returned; returned actuals are edited and submitted again. */
const ACTUAL_TRANSITIONS: Record<ActualAction, { from: ActualStatus[]; to: ActualStatus | null }> = {
  [ActualAction.EDIT]: { from: [S.DRAFT, S.RETURNED], to: null },
  [ActualAction.SUBMIT]: { from: [S.DRAFT, S.RETURNED], to: S.SUBMITTED },
  [ActualAction.APPROVE]: { from: [S.SUBMITTED], to: S.APPROVED },
  [ActualAction.RETURN]: { from: [S.SUBMITTED], to: S.RETURNED },
};

/**
 * The status after `action` (unchanged for an edit), or a 409 naming the current status. An
 * approved actual accepts no action at all: it is locked.
 */
export function actualTransition(from: ActualStatus, action: ActualAction): ActualStatus {
  const rule = ACTUAL_TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new InvalidStateError('actual', from, action);
  return rule.to ?? from;
}

/**
 * Value and disaggregation rules of an actual (422 details):
 * - the value rule of the measure (required unless qualitative; percentages 0–100);
 * - no category twice in a dimension; qualitative actuals carry no disaggregation;
 * - for UNIT indicators the parts of every dimension add up exactly to the total (a breakdown by
 *   sex of 100 people must account for 100), named by dimension in the detail.
 */
export function actualValueViolations(
  measure: IndicatorMeasure,
  value: string | null,
  disaggregation: readonly DisaggregationPart[],
): ErrorDetail[] {
  const details = valueViolations(measure, value, 'value');
  if (measure === IndicatorMeasure.QUALITATIVE && disaggregation.length > 0) {
    details.push({
      field: 'disaggregation',
      rule: 'QUALITATIVE_NO_VALUE',
      message: 'a qualitative indicator has no disaggregated values',
    });
    return details;
  }
  const seen = new Set<string>();
  disaggregation.forEach((part, index) => {
    const id = `${part.dimension}\u0000${part.category}`;
    if (seen.has(id)) {
      details.push({
        field: `disaggregation[${index}].category`,
        rule: 'DUPLICATE_CATEGORY',
        message: `"${part.category}" appears twice in dimension "${part.dimension}"`,
      });
    }
    seen.add(id);
    if (measure === IndicatorMeasure.PERCENTAGE) {
      details.push(...valueViolations(measure, part.value, `disaggregation[${index}].value`));
    }
  });
  if (measure === IndicatorMeasure.UNIT && value !== null) {
    const sums = new Map<string, bigint>();
    for (const part of disaggregation) {
      sums.set(part.dimension, (sums.get(part.dimension) ?? 0n) + toScaled(part.value));
    }
    const total = toScaled(value);
    for (const [dimension, sum] of sums) {
      if (sum !== total) {
        details.push({
          field: 'disaggregation',
          rule: 'DISAGGREGATION_SUM',
          dimension,
          message: `the parts of dimension "${dimension}" add up to ${formatScaled(sum)}, not to the total ${formatScaled(total)}`,
        });
      }
    }
  }
  return details;
}

/** Days after a period's end during which its actual is "due" before it becomes "overdue". */
export const REPORTING_GRACE_DAYS = 30;

export type DueState = 'DUE' | 'OVERDUE';

/**
 * A period is listed once its end has passed without an approved actual: DUE within
 * REPORTING_GRACE_DAYS after the end, OVERDUE after that; null while the period has not ended
 * (or when its actual is approved).
 */
export function dueState(periodEnd: string, today: string, approved: boolean): DueState | null {
  if (approved || periodEnd >= today) return null;
  return daysBetween(periodEnd, today) <= REPORTING_GRACE_DAYS ? 'DUE' : 'OVERDUE';
}
