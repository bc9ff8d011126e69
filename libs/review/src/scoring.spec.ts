import fc from 'fast-check';
import {
  averageWeightedScore,
  checkScorecard,
  CriterionScore,
  Recommendation,
  reviewWeightedScore,
  summarizeReviews,
} from './scoring';

const CRITERIA = [
  { code: 'RELEVANCE', weight: 20 },
  { code: 'GUIDING_PRINCIPLES', weight: 20 },
  { code: 'JOINT_PROGRAMMING', weight: 15 },
  { code: 'RESULTS', weight: 20 },
  { code: 'FEASIBILITY', weight: 15 },
  { code: 'INNOVATION', weight: 10 },
];

const card = (...scores: number[]): CriterionScore[] =>
  CRITERIA.map((criterion, index) => ({
    criterionCode: criterion.code,
    weight: criterion.weight,
    score: scores[index],
  }));

describe('weighted score: Σ weight × (score − 1) / 4 on 0–100', () => {
  it('maps all 1s to 0, all 5s to 100, all 3s to 50', () => {
    expect(reviewWeightedScore(card(1, 1, 1, 1, 1, 1))).toBe('0.00');
    expect(reviewWeightedScore(card(5, 5, 5, 5, 5, 5))).toBe('100.00');
    expect(reviewWeightedScore(card(3, 3, 3, 3, 3, 3))).toBe('50.00');
  });

  it('weighs each criterion by its weight', () => {
    // 20×4/4 + 20×3/4 + 15×2/4 + 20×1/4 + 15×0 + 10×4/4 = 20 + 15 + 7.5 + 5 + 0 + 10
    expect(reviewWeightedScore(card(5, 4, 3, 2, 1, 5))).toBe('57.50');
    // 15 × 1/4 = 3.75
    expect(reviewWeightedScore(card(1, 1, 2, 1, 1, 1))).toBe('3.75');
  });

  it('normalizes when stored weights do not sum to 100', () => {
    expect(
      reviewWeightedScore([
        { criterionCode: 'A', weight: 30, score: 5 },
        { criterionCode: 'B', weight: 30, score: 1 },
      ]),
    ).toBe('50.00');
  });

  it('averages exactly, rounding once, half away from zero', () => {
    // 3.75, 0 and 0 → 1.25
    expect(
      averageWeightedScore([card(1, 1, 2, 1, 1, 1), card(1, 1, 1, 1, 1, 1), card(1, 1, 1, 1, 1, 1)]),
    ).toBe('1.25');
    // 10 × 1/4 = 2.5 and 0, 0 → 0.8333… → 0.83
    expect(
      averageWeightedScore([card(1, 1, 1, 1, 1, 2), card(1, 1, 1, 1, 1, 1), card(1, 1, 1, 1, 1, 1)]),
    ).toBe('0.83');
    // 57.5 and 3.75 → 30.625 → 30.63
    expect(averageWeightedScore([card(5, 4, 3, 2, 1, 5), card(1, 1, 2, 1, 1, 1)])).toBe('30.63');
    expect(averageWeightedScore([])).toBeNull();
  });

  it('always stays within 0–100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 6, maxLength: 6 }), {
          minLength: 1,
          maxLength: 9,
        }),
        (cards) => {
          const value = Number(averageWeightedScore(cards.map((scores) => card(...scores))));
          return value >= 0 && value <= 100;
        },
      ),
    );
  });

  it('refuses scores outside 1–5', () => {
    expect(() => reviewWeightedScore(card(0, 1, 1, 1, 1, 1))).toThrow(RangeError);
    expect(() => reviewWeightedScore(card(6, 1, 1, 1, 1, 1))).toThrow(RangeError);
  });
});

describe('review summary', () => {
  it('counts only reviews that count: tally, count and score exclude recused reviewers', () => {
    const summary = summarizeReviews([
      { recommendation: Recommendation.APPROVE, scores: card(5, 5, 5, 5, 5, 5), counted: true },
      { recommendation: Recommendation.REVISE, scores: card(3, 3, 3, 3, 3, 3), counted: true },
      { recommendation: Recommendation.REJECT, scores: card(1, 1, 1, 1, 1, 1), counted: false },
    ]);
    expect(summary).toEqual({
      count: 2,
      weightedScore: '75.00',
      recommendations: { APPROVE: 1, REVISE: 1, REJECT: 0 },
    });
  });

  it('has no score without counted reviews', () => {
    expect(summarizeReviews([])).toEqual({
      count: 0,
      weightedScore: null,
      recommendations: { APPROVE: 0, REVISE: 0, REJECT: 0 },
    });
  });
});

describe('scorecard check', () => {
  const criteria = CRITERIA.map(({ code }) => ({ code }));
  const full = CRITERIA.map(({ code }) => ({ criterionCode: code, score: 4 }));

  it('accepts every criterion scored once', () => {
    expect(checkScorecard(full, criteria)).toEqual([]);
  });

  it('lists unknown, repeated and missing criteria, all at once', () => {
    const problems = checkScorecard(
      [...full.slice(0, 4), { criterionCode: 'RELEVANCE', score: 2 }, { criterionCode: 'BEAUTY', score: 5 }],
      criteria,
    );
    expect(problems.map((p) => p.rule).sort()).toEqual([
      'DUPLICATE_CRITERION',
      'MISSING_CRITERION',
      'MISSING_CRITERION',
      'UNKNOWN_CRITERION',
    ]);
    expect(problems.find((p) => p.rule === 'UNKNOWN_CRITERION')).toMatchObject({ field: 'scores[5]' });
  });
});
