import { divideRounded } from '@mptf/platform';

/**
 * Scorecard maths, exact (integer fractions, no floating point).
 *
 * A reviewer gives each review criterion a score from 1 to 5. With the criteria's weights w
 * (percent, summing to 100), one review's weighted score on 0–100 is
 *
 *     S = Σ_c w_c × (score_c − 1) / 4
 *
 * (all 1s give 0, all 5s give 100). Should stored weights not sum to 100 (criteria edited since),
 * the sum is normalized: S = 100 × Σ w_c (score_c − 1) / (4 × Σ w_c). A proposal's weighted score
 * is the plain mean of S over the reviews that count (not recused), rounded half away from zero to
 * two decimals and shown as a decimal string ("72.50"); null when no review counts.
 */
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

export enum Recommendation {
  APPROVE = 'APPROVE',
  REVISE = 'REVISE',
  REJECT = 'REJECT',
}

export interface CriterionScore {
  criterionCode: string;
  weight: number;
  score: number;
}

/** A non-negative fraction of bigints. */
interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function add(a: Fraction, b: Fraction): Fraction {
  const numerator = a.numerator * b.denominator + b.numerator * a.denominator;
  const denominator = a.denominator * b.denominator;
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

/** Two decimals, half away from zero: 72.5 → "72.50". */
function formatHundredths(value: Fraction): string {
  const hundredths = divideRounded(value.numerator * 100n, value.denominator);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** One review's weighted score as an exact fraction of 100. */
export function reviewScoreFraction(scores: readonly CriterionScore[]): Fraction {
  let weighted = 0n;
  let weights = 0n;
  for (const { weight, score } of scores) {
    if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE)
      throw new RangeError(`score must be an integer from ${MIN_SCORE} to ${MAX_SCORE}: ${score}`);
    if (!Number.isInteger(weight) || weight < 0)
      throw new RangeError(`weight must be a whole percent: ${weight}`);
    weighted += BigInt(weight) * BigInt(score - MIN_SCORE);
    weights += BigInt(weight);
  }
  if (weights === 0n) return { numerator: 0n, denominator: 1n };
  return { numerator: 100n * weighted, denominator: BigInt(MAX_SCORE - MIN_SCORE) * weights };
}

/** One review's weighted score on 0–100 ("85.00"). */
export function reviewWeightedScore(scores: readonly CriterionScore[]): string {
  return formatHundredths(reviewScoreFraction(scores));
}

/** The mean of the reviews' weighted scores, two decimals; null without reviews. */
export function averageWeightedScore(reviews: readonly (readonly CriterionScore[])[]): string | null {
  if (reviews.length === 0) return null;
  let sum: Fraction = { numerator: 0n, denominator: 1n };
  for (const scores of reviews) sum = add(sum, reviewScoreFraction(scores));
  return formatHundredths({
    numerator: sum.numerator,
    denominator: sum.denominator * BigInt(reviews.length),
  });
}

export interface ScoredReview {
  recommendation: Recommendation;
  scores: readonly CriterionScore[];
  /** False when the reviewer is recused (PUNO member or declared conflict): it never counts. */
  counted: boolean;
}

export interface ReviewSummary {
  count: number;
  weightedScore: string | null;
  recommendations: Record<Recommendation, number>;
}

/** count, weighted score and recommendation tally over the reviews that count. */
export function summarizeReviews(reviews: readonly ScoredReview[]): ReviewSummary {
  const counted = reviews.filter((review) => review.counted);
  const recommendations = { APPROVE: 0, REVISE: 0, REJECT: 0 };
  for (const review of counted) recommendations[review.recommendation] += 1;
  return {
    count: counted.length,
    weightedScore: averageWeightedScore(counted.map((review) => review.scores)),
    recommendations,
  };
}

export interface ScorecardProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * A scorecard must score every review criterion exactly once and nothing else; every problem is
 * listed (422). Scores outside 1–5 are caught earlier by the request validation (400).
 */
export function checkScorecard(
  scores: readonly { criterionCode: string; score: number }[],
  criteria: readonly { code: string }[],
): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  const known = new Set(criteria.map((criterion) => criterion.code));
  const seen = new Set<string>();
  scores.forEach(({ criterionCode, score }, index) => {
    const field = `scores[${index}]`;
    if (!known.has(criterionCode))
      problems.push({
        field,
        rule: 'UNKNOWN_CRITERION',
        message: `${criterionCode} is not a review criterion`,
      });
    else if (seen.has(criterionCode))
      problems.push({ field, rule: 'DUPLICATE_CRITERION', message: `${criterionCode} is scored twice` });
    seen.add(criterionCode);
    if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE)
      problems.push({ field, rule: 'SCORE_RANGE', message: `score must be ${MIN_SCORE}–${MAX_SCORE}` });
  });
  for (const { code } of criteria) {
    if (!seen.has(code))
      problems.push({ field: 'scores', rule: 'MISSING_CRITERION', message: `${code} must be scored` });
  }
  return problems;
}
