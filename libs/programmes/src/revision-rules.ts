import { Cents, ErrorDetail, formatMoney, parseMoney } from '@mptf/platform';
import { addMonths } from '@mptf/results';
import { ProgrammeVersion, VersionResult } from './programme-version';

export enum RevisionKind {
  NO_COST_EXTENSION = 'NO_COST_EXTENSION',
  BUDGET_REVISION = 'BUDGET_REVISION',
  COST_EXTENSION = 'COST_EXTENSION',
}

export enum RevisionRoute {
  FUND_UNIT = 'FUND_UNIT',
  COMMITTEE = 'COMMITTEE',
}

export enum RevisionStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export interface RevisionRequest {
  kind: RevisionKind;
  justification: string;
  endDate?: string;
  budgetLines?: { orgCode: string; categoryCode: number; amount: string }[];
  results?: VersionResult[];
  additionalAllocations?: { orgCode: string; amount: string }[];
}

export interface RevisionThresholds {
  revisionMaxMoveRate: string;
  revisionMaxExtensionMonths: number;
  revisionsPerYearByFundUnit: number;
}

export interface RevisionAssessment {
  /** Bad requests (422), each naming its field and rule. */
  violations: ErrorDetail[];
  route: RevisionRoute;
  /** Why the Committee decides it (empty when the fund unit may). */
  reasons: ErrorDetail[];
  after: ProgrammeVersion;
}

function lineKey(line: { orgCode: string; categoryCode: number }): string {
  return `${line.orgCode}/${line.categoryCode}`;
}

function totalsBy<T>(lines: T[], key: (line: T) => string, amount: (line: T) => Cents): Map<string, Cents> {
  const totals = new Map<string, Cents>();
  for (const line of lines) totals.set(key(line), (totals.get(key(line)) ?? 0n) + amount(line));
  return totals;
}

/** Sum of the increases over every budget line: the money a revision moves. */
export function movedAmount(
  before: ProgrammeVersion['budgetLines'],
  after: ProgrammeVersion['budgetLines'],
): Cents {
  const old = totalsBy(before, lineKey, (l) => parseMoney(l.amount));
  const next = totalsBy(after, lineKey, (l) => parseMoney(l.amount));
  let moved = 0n;
  for (const [key, amount] of next) {
    const increase = amount - (old.get(key) ?? 0n);
    if (increase > 0n) moved += increase;
  }
  return moved;
}

/** moved / total ≤ rate, in integers: moved × 10⁴ ≤ total × rate × 10⁴. */
function withinRate(moved: Cents, total: Cents, rate: string): boolean {
  const [whole, fraction = ''] = rate.split('.');
  const scaled = BigInt(whole) * 10_000n + BigInt((fraction + '0000').slice(0, 4));
  return moved * 10_000n <= total * scaled;
}

function outcomesOf(results: VersionResult[]): string {
  return JSON.stringify(
    results
      .filter((r) => r.type === 'OUTCOME')
      .map((r) => [r.key, r.title])
      .sort(),
  );
}

/**
 * Checks a revision request against the version in force and decides who approves it (MPTF Office
 * practice, thresholds from the fund settings): the fund unit for a no-cost extension of at most
 * `revisionMaxExtensionMonths`, a budget revision moving at most `revisionMaxMoveRate` of the
 * direct budget between categories of the same PUNO, or a change of outputs and indicators, and
 * at most `revisionsPerYearByFundUnit` such approvals per programme and year; the Steering
 * Committee above any of these, for a move between PUNOs or a change of outcomes, and always for a
 * cost extension.
 */
export function assessRevision(
  request: RevisionRequest,
  current: ProgrammeVersion,
  punoCodes: readonly string[],
  thresholds: RevisionThresholds,
  fundUnitApprovalsThisYear: number,
): RevisionAssessment {
  const violations: ErrorDetail[] = [];
  const reasons: ErrorDetail[] = [];
  const after: ProgrammeVersion = structuredClone(current);
  if (!request.justification?.trim())
    violations.push({ field: 'justification', rule: 'REQUIRED', message: 'justification is required' });

  if (request.endDate !== undefined) {
    if (request.kind === RevisionKind.BUDGET_REVISION)
      violations.push({
        field: 'endDate',
        rule: 'KIND',
        message: 'a budget revision keeps the end date; ask for an extension',
      });
    else if (request.endDate <= current.endDate)
      violations.push({
        field: 'endDate',
        rule: 'AFTER_END',
        message: `must be after the end date in force (${current.endDate})`,
      });
    else {
      after.endDate = request.endDate;
      if (request.endDate > addMonths(current.endDate, thresholds.revisionMaxExtensionMonths))
        reasons.push({
          rule: 'EXTENSION_MONTHS',
          message: `extends the programme by more than ${thresholds.revisionMaxExtensionMonths} months`,
        });
    }
  } else if (request.kind === RevisionKind.NO_COST_EXTENSION)
    violations.push({
      field: 'endDate',
      rule: 'REQUIRED',
      message: 'a no-cost extension needs the new end date',
    });

  if (request.budgetLines !== undefined) {
    if (request.kind !== RevisionKind.BUDGET_REVISION)
      violations.push({
        field: 'budgetLines',
        rule: 'KIND',
        message: 'only a budget revision changes budget lines',
      });
    else {
      const seen = new Set<string>();
      request.budgetLines.forEach((line, index) => {
        const field = `budgetLines[${index}]`;
        if (!punoCodes.includes(line.orgCode))
          violations.push({
            field: `${field}.orgCode`,
            rule: 'PUNO',
            message: `${line.orgCode} is not a PUNO of the programme`,
          });
        if (!(line.categoryCode >= 1 && line.categoryCode <= 7))
          violations.push({
            field: `${field}.categoryCode`,
            rule: 'DIRECT_CATEGORY',
            message: 'must be a direct category 1–7 (indirect costs are computed)',
          });
        if (seen.has(lineKey(line)))
          violations.push({ field, rule: 'UNIQUE', message: `${lineKey(line)} is listed twice` });
        seen.add(lineKey(line));
      });
      const before = current.budgetLines.map((l) => parseMoney(l.amount)).reduce((a, b) => a + b, 0n);
      const next = request.budgetLines.map((l) => parseMoney(l.amount)).reduce((a, b) => a + b, 0n);
      if (before !== next)
        violations.push({
          field: 'budgetLines',
          rule: 'SAME_TOTAL',
          message: `a budget revision keeps the direct total of ${formatMoney(before)} (got ${formatMoney(next)}); more money is a cost extension`,
        });
      const byPuno = (lines: ProgrammeVersion['budgetLines']) =>
        JSON.stringify(
          [
            ...totalsBy(
              lines,
              (l) => l.orgCode,
              (l) => parseMoney(l.amount),
            ),
          ]
            .filter(([, a]) => a !== 0n)
            .map(([org, a]) => `${org}=${a}`)
            .sort(),
        );
      if (byPuno(current.budgetLines) !== byPuno(request.budgetLines))
        reasons.push({ rule: 'PUNO_MOVE', message: 'moves money between participating organizations' });
      const moved = movedAmount(current.budgetLines, request.budgetLines);
      if (!withinRate(moved, before, thresholds.revisionMaxMoveRate))
        reasons.push({
          rule: 'MOVE_RATE',
          message: `moves ${formatMoney(moved)}, more than ${thresholds.revisionMaxMoveRate} of the direct budget`,
        });
      after.budgetLines = request.budgetLines
        .filter((l) => parseMoney(l.amount) > 0n)
        .map((l) => ({
          orgCode: l.orgCode,
          categoryCode: l.categoryCode,
          amount: formatMoney(parseMoney(l.amount)),
        }));
    }
  }

  if (request.results !== undefined) {
    if (request.kind !== RevisionKind.BUDGET_REVISION)
      violations.push({
        field: 'results',
        rule: 'KIND',
        message: 'only a budget revision changes the results matrix',
      });
    else {
      if (outcomesOf(current.results) !== outcomesOf(request.results))
        reasons.push({ rule: 'OUTCOMES', message: 'changes the outcomes of the results matrix' });
      after.results = request.results;
    }
  }

  if (request.additionalAllocations !== undefined) {
    if (request.kind !== RevisionKind.COST_EXTENSION)
      violations.push({
        field: 'additionalAllocations',
        rule: 'KIND',
        message: 'only a cost extension adds money',
      });
    else {
      request.additionalAllocations.forEach((a, index) => {
        if (!punoCodes.includes(a.orgCode))
          violations.push({
            field: `additionalAllocations[${index}].orgCode`,
            rule: 'PUNO',
            message: `${a.orgCode} is not a PUNO of the programme`,
          });
        if (parseMoney(a.amount) <= 0n)
          violations.push({
            field: `additionalAllocations[${index}].amount`,
            rule: 'POSITIVE',
            message: 'must be above zero',
          });
      });
      const added = totalsBy(
        [...current.additionalFunding, ...request.additionalAllocations],
        (a) => a.orgCode,
        (a) => parseMoney(a.amount),
      );
      after.additionalFunding = [...added].map(([orgCode, amount]) => ({
        orgCode,
        amount: formatMoney(amount),
      }));
    }
  } else if (request.kind === RevisionKind.COST_EXTENSION)
    violations.push({
      field: 'additionalAllocations',
      rule: 'REQUIRED',
      message: 'a cost extension names the money added per PUNO',
    });

  if (
    request.kind === RevisionKind.BUDGET_REVISION &&
    request.budgetLines === undefined &&
    request.results === undefined
  )
    violations.push({
      field: 'budgetLines',
      rule: 'REQUIRED',
      message: 'a budget revision changes budget lines or the results matrix',
    });
  if (request.kind === RevisionKind.COST_EXTENSION)
    reasons.push({ rule: 'COST_EXTENSION', message: 'adds money: the Steering Committee allocates it' });
  if (reasons.length === 0 && fundUnitApprovalsThisYear >= thresholds.revisionsPerYearByFundUnit)
    reasons.push({
      rule: 'PER_YEAR',
      message: `the fund unit already approved ${fundUnitApprovalsThisYear} revision(s) of this programme this year`,
    });
  return {
    violations,
    route: reasons.length ? RevisionRoute.COMMITTEE : RevisionRoute.FUND_UNIT,
    reasons,
    after,
  };
}
