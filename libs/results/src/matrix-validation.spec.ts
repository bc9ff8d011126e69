import { matrixRuleViolations, parseMatrixShape } from './matrix-validation';
import { MatrixInput } from './results.types';

const window = { start: '2025-01-01', end: '2026-12-31' };
const context = { window, fundIndicators: new Map([['FI-2.1', { measure: 'UNIT', unit: 'People' }]]) };

type Loose = Record<string, unknown>;
interface LooseBody {
  results: (Loose & { indicators: Loose[] })[];
}

function body(overrides: Loose = {}): LooseBody {
  return {
    results: [
      {
        key: 'OC1',
        type: 'OUTCOME',
        title: 'Migrants are better protected',
        indicators: [
          {
            key: 'I1',
            title: 'Share reporting improved safety',
            measure: 'PERCENTAGE',
            ascending: true,
            baseline: { year: 2024, value: 30 },
            targets: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: '50' }],
          },
        ],
      },
      {
        key: 'OP1',
        type: 'OUTPUT',
        parentKey: 'OC1',
        title: 'Services delivered',
        indicators: [
          {
            key: 'I2',
            title: 'Migrants assisted',
            measure: 'UNIT',
            ascending: true,
            unit: 'people',
            fundIndicatorCode: 'FI-2.1',
            gcmObjectiveCodes: [7, 2],
            baseline: { year: 2024, value: 0 },
            targets: [
              { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 1000 },
              { periodStart: '2026-01-01', periodEnd: '2026-12-31', value: '1200.5' },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

function valid(input: unknown = body()): MatrixInput {
  const shape = parseMatrixShape(input);
  if (!shape.ok) throw new Error(JSON.stringify(shape.details));
  return shape.matrix;
}

describe('results matrix shape (400)', () => {
  it('normalizes a valid body', () => {
    const matrix = valid();
    const indicator = matrix.results[1].indicators[0];
    expect(indicator.gcmObjectiveCodes).toEqual([2, 7]);
    expect(indicator.targets.map((t) => t.value)).toEqual(['1000', '1200.5']);
    expect(matrix.results[0].parentKey).toBeNull();
    expect(matrixRuleViolations(matrix, context)).toEqual([]);
  });

  it('names every shape error with a bracketed path, unknown fields included', () => {
    const input = body();
    const indicator = input.results[1].indicators[0];
    indicator.targets = [{ periodStart: '2025-02-30', periodEnd: 'soon', value: 'lots' }];
    indicator.measure = 'COUNT';
    indicator.colour = 'red';
    delete input.results[0].title;
    const shape = parseMatrixShape({ ...input, extra: true });
    expect(shape.ok).toBe(false);
    if (shape.ok) return;
    expect(shape.details.map((d) => d.field).sort()).toEqual(
      [
        'extra',
        'results[0].title',
        'results[1].indicators[0].colour',
        'results[1].indicators[0].measure',
        'results[1].indicators[0].targets[0].periodEnd',
        'results[1].indicators[0].targets[0].periodStart',
        'results[1].indicators[0].targets[0].value',
      ].sort(),
    );
    expect(shape.details.find((d) => d.field === 'results[0].title')?.message).toBe('is required');
  });

  it('refuses a body that is not an object', () => {
    const shape = parseMatrixShape('nope');
    expect(shape.ok).toBe(false);
  });
});

describe('results matrix rules (422)', () => {
  it('accepts a qualitative indicator without values', () => {
    const input = body();
    input.results[0].indicators.push({
      key: 'I3',
      title: 'Referral procedures adopted',
      measure: 'QUALITATIVE',
      ascending: true,
      baseline: { year: 2024 },
      targets: [{ periodStart: '2026-01-01', periodEnd: '2026-06-30' }],
    });
    expect(matrixRuleViolations(valid(input), context)).toEqual([]);
  });

  it('reports every violation at once with its field path', () => {
    const input = body();
    const outcome = input.results[0];
    const output = input.results[1];
    outcome.indicators[0].baseline = { year: 2024, value: 130 };
    outcome.indicators[0].targets = [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: null }];
    output.parentKey = 'NOPE';
    output.indicators[0].key = 'I1';
    output.indicators[0].fundIndicatorCode = 'FI-9.9';
    output.indicators[0].targets = [
      { periodStart: '2024-12-01', periodEnd: '2025-06-30', value: 1 },
      { periodStart: '2025-06-01', periodEnd: '2025-12-31', value: 2 },
      { periodStart: '2026-06-01', periodEnd: '2027-01-31', value: 3 },
      { periodStart: '2026-05-01', periodEnd: '2026-04-30', value: 4 },
    ];
    const details = matrixRuleViolations(valid(input), context);
    expect(details.map((d) => [d.field, d.rule])).toEqual([
      ['results[0].indicators[0].baseline.value', 'PERCENTAGE_RANGE'],
      ['results[0].indicators[0].targets[0].value', 'VALUE_REQUIRED'],
      ['results[1].parentKey', 'HIERARCHY'],
      ['results[1].indicators[0].key', 'DUPLICATE_KEY'],
      ['results[1].indicators[0].fundIndicatorCode', 'FUND_INDICATOR_UNKNOWN'],
      ['results[1].indicators[0].targets[0].periodStart', 'PERIOD_OUTSIDE_PROGRAMME'],
      ['results[1].indicators[0].targets[1].periodStart', 'PERIOD_OVERLAP'],
      ['results[1].indicators[0].targets[2].periodEnd', 'PERIOD_OUTSIDE_PROGRAMME'],
      ['results[1].indicators[0].targets[3].periodEnd', 'PERIOD_ORDER'],
    ]);
  });

  it('requires unique result keys, an indicator per result, and outcomes without parents', () => {
    const input = body();
    input.results[1].key = 'OC1';
    input.results[0].parentKey = 'OC1';
    input.results[0].indicators = [];
    const rules = matrixRuleViolations(valid(input), context).map((d) => `${d.field}:${d.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'results[1].key:DUPLICATE_KEY',
        'results[0].parentKey:HIERARCHY',
        'results[0].indicators:INDICATOR_REQUIRED',
      ]),
    );
  });

  it('refuses a value on a qualitative indicator', () => {
    const input = body();
    input.results[0].indicators[0].measure = 'QUALITATIVE';
    const details = matrixRuleViolations(valid(input), context);
    expect(details.map((d) => d.rule)).toEqual(['QUALITATIVE_NO_VALUE', 'QUALITATIVE_NO_VALUE']);
  });

  it('refuses a link to a fund indicator of another unit or measure, naming the field and the rule', () => {
    const input = body();
    const linked = input.results[1].indicators[0];
    expect(matrixRuleViolations(valid(input), context)).toEqual([]);
    linked.unit = 'institutions';
    expect(matrixRuleViolations(valid(input), context)).toEqual([
      {
        field: 'results[1].indicators[0].unit',
        rule: 'FUND_INDICATOR_UNIT',
        message: 'must be "People", the unit of fund indicator FI-2.1 it is linked to (got "institutions")',
      },
    ]);
    linked.measure = 'PERCENTAGE';
    linked.targets = [];
    expect(matrixRuleViolations(valid(input), context).map((d) => [d.field, d.rule])).toEqual([
      ['results[1].indicators[0].measure', 'FUND_INDICATOR_MEASURE'],
    ]);
  });
});
