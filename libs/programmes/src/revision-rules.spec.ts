import { diffVersions, ProgrammeVersion } from './programme-version';
import { assessRevision, RevisionKind, RevisionRoute } from './revision-rules';

const CURRENT: ProgrammeVersion = {
  endDate: '2028-03-14',
  budgetLines: [
    { orgCode: 'IOM', categoryCode: 1, amount: '600000.00' },
    { orgCode: 'IOM', categoryCode: 4, amount: '400000.00' },
    { orgCode: 'UNICEF', categoryCode: 1, amount: '500000.00' },
  ],
  additionalFunding: [],
  results: [{ key: 'OC1', type: 'OUTCOME', title: 'Safer migration', parentKey: null, indicators: [] }],
};
const THRESHOLDS = {
  revisionMaxMoveRate: '0.20',
  revisionMaxExtensionMonths: 6,
  revisionsPerYearByFundUnit: 1,
};
const PUNOS = ['IOM', 'UNICEF'];

function assess(request: Parameters<typeof assessRevision>[0], approvals = 0) {
  return assessRevision(request, CURRENT, PUNOS, THRESHOLDS, approvals);
}

describe('assessRevision', () => {
  it('lets the fund unit approve an extension of up to 6 months, the Committee a longer one', () => {
    const short = assess({
      kind: RevisionKind.NO_COST_EXTENSION,
      justification: 'Delays',
      endDate: '2028-09-14',
    });
    expect(short.violations).toEqual([]);
    expect(short.route).toBe(RevisionRoute.FUND_UNIT);
    expect(short.after.endDate).toBe('2028-09-14');
    const long = assess({
      kind: RevisionKind.NO_COST_EXTENSION,
      justification: 'Delays',
      endDate: '2028-09-15',
    });
    expect(long.route).toBe(RevisionRoute.COMMITTEE);
    expect(long.reasons.map((r) => r.rule)).toEqual(['EXTENSION_MONTHS']);
  });

  it('sends a second revision in a year to the Committee', () => {
    const second = assess(
      { kind: RevisionKind.NO_COST_EXTENSION, justification: 'Again', endDate: '2028-04-14' },
      1,
    );
    expect(second.reasons.map((r) => r.rule)).toEqual(['PER_YEAR']);
  });

  it('measures a budget move against 20 % of the direct budget (exactly 20 % stays with the fund unit)', () => {
    const lines = (moved: string, kept: string) => [
      { orgCode: 'IOM', categoryCode: 1, amount: kept },
      { orgCode: 'IOM', categoryCode: 4, amount: moved },
      { orgCode: 'UNICEF', categoryCode: 1, amount: '500000.00' },
    ];
    // 300 000.00 moved of 1 500 000.00 = 20 %
    const atLimit = assess({
      kind: RevisionKind.BUDGET_REVISION,
      justification: 'Shift',
      budgetLines: lines('700000.00', '300000.00'),
    });
    expect(atLimit.route).toBe(RevisionRoute.FUND_UNIT);
    const above = assess({
      kind: RevisionKind.BUDGET_REVISION,
      justification: 'Shift',
      budgetLines: lines('700000.01', '299999.99'),
    });
    expect(above.reasons.map((r) => r.rule)).toEqual(['MOVE_RATE']);
  });

  it('refuses a budget revision that changes the total, and sends a move between PUNOs to the Committee', () => {
    const more = assess({
      kind: RevisionKind.BUDGET_REVISION,
      justification: 'More',
      budgetLines: [
        ...CURRENT.budgetLines.slice(0, 2),
        { orgCode: 'UNICEF', categoryCode: 1, amount: '500000.01' },
      ],
    });
    expect(more.violations.map((v) => v.rule)).toEqual(['SAME_TOTAL']);
    const between = assess({
      kind: RevisionKind.BUDGET_REVISION,
      justification: 'Between',
      budgetLines: [
        { orgCode: 'IOM', categoryCode: 1, amount: '590000.00' },
        { orgCode: 'IOM', categoryCode: 4, amount: '400000.00' },
        { orgCode: 'UNICEF', categoryCode: 1, amount: '510000.00' },
      ],
    });
    expect(between.reasons.map((r) => r.rule)).toEqual(['PUNO_MOVE']);
  });

  it('always sends a cost extension to the Committee and adds its money to the version', () => {
    const cost = assess({
      kind: RevisionKind.COST_EXTENSION,
      justification: 'Scale up',
      additionalAllocations: [{ orgCode: 'IOM', amount: '100000.00' }],
    });
    expect(cost.route).toBe(RevisionRoute.COMMITTEE);
    expect(cost.after.additionalFunding).toEqual([{ orgCode: 'IOM', amount: '100000.00' }]);
    const none = assess({ kind: RevisionKind.COST_EXTENSION, justification: 'x' });
    expect(none.violations.map((v) => v.field)).toEqual(['additionalAllocations']);
  });

  it('diffs versions by identity: budget lines, dates and results', () => {
    const after = assess({
      kind: RevisionKind.BUDGET_REVISION,
      justification: 'Matrix',
      results: [
        {
          key: 'OC1',
          type: 'OUTCOME',
          title: 'Safer migration',
          parentKey: null,
          indicators: [{ key: 'I1', title: 'People reached' }],
        },
      ],
    }).after;
    expect(diffVersions(CURRENT, after)).toEqual([
      { field: 'results.OC1.indicators.I1', from: null, to: 'People reached' },
    ]);
  });
});
