import { ActualStatus, IndicatorAggregation, IndicatorMeasure, IndicatorView } from '@mptf/results';
import { contributionKindLabel, reversalNote } from './compose-helpers';
import { proRata } from './contributor/contributor-statement.sections';
import { indicatorProgress } from './factsheet/results-matrix.reader';
import { buildSections, SectionBuilder } from './report-composer';

function indicator(partial: Partial<IndicatorView>): IndicatorView {
  return {
    id: 'i',
    key: '1.1',
    title: 'People reached',
    measure: IndicatorMeasure.UNIT,
    aggregation: IndicatorAggregation.CUMULATIVE,
    ascending: true,
    unit: 'people',
    fundIndicatorCode: null,
    gcmObjectiveCodes: [],
    baseline: { year: 2025, value: '100' },
    targets: [
      {
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        value: '300',
        actual: null,
        onTrack: null,
        due: null,
      },
      {
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        value: '500',
        actual: null,
        onTrack: null,
        due: null,
      },
    ],
    progress: {
      periods: 2,
      approvedActuals: 1,
      latestApproved: { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: '260' },
      onTrack: false,
    },
    ...partial,
  };
}

describe('indicator progress', () => {
  it('sums an incremental indicator’s targets and approved actuals, and takes a cumulative one’s latest', () => {
    const periods = (values: string[], actuals: (string | null)[]) =>
      values.map((value, index) => ({
        periodStart: `${2024 + index}-01-01`,
        periodEnd: `${2024 + index}-12-31`,
        value,
        actual: actuals[index]
          ? { id: `a${index}`, status: ActualStatus.APPROVED, value: actuals[index] }
          : null,
        onTrack: null,
        due: null,
      }));
    const latestApproved = { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: '900' };
    const base = {
      baseline: { year: 2023, value: '0' },
      targets: periods(['800', '1000', '1200'], ['700', '900', null]),
    };
    const cumulative = indicator({
      ...base,
      progress: { periods: 3, approvedActuals: 2, latestApproved, onTrack: false },
    });
    expect(indicatorProgress(cumulative, 2025)).toEqual({
      target: '1200',
      actual: '900',
      progress: '0.7500',
      targetForYear: '1000',
    });
    const incremental = { ...cumulative, aggregation: IndicatorAggregation.INCREMENTAL };
    expect(indicatorProgress(incremental, 2025)).toEqual({
      target: '3000',
      actual: '1600',
      progress: '0.5333',
      targetForYear: '1000',
    });
  });
  it('is the share of the way from the baseline to the last target', () => {
    expect(indicatorProgress(indicator({}))).toEqual({ target: '500', actual: '260', progress: '0.4000' });
  });
  it('works for a descending indicator and a missing baseline (0)', () => {
    expect(
      indicatorProgress(indicator({ ascending: false, baseline: { year: 2025, value: null } })).progress,
    ).toBe('0.5200');
    const down = indicator({ baseline: { year: 2025, value: '40' } });
    down.targets[1].value = '20';
    down.progress.latestApproved!.value = '35';
    expect(indicatorProgress(down).progress).toBe('0.2500');
  });
  it('is null when it cannot be measured', () => {
    expect(indicatorProgress(indicator({ measure: IndicatorMeasure.QUALITATIVE })).progress).toBeNull();
    expect(
      indicatorProgress(
        indicator({ progress: { periods: 2, approvedActuals: 0, latestApproved: null, onTrack: null } }),
      ),
    ).toEqual({ target: '500', actual: null, progress: null });
    expect(indicatorProgress(indicator({ baseline: { year: 2025, value: '500' } })).progress).toBeNull();
  });
});

describe('pro-rata share', () => {
  it('rounds to the cent half away from zero and is 0 when nothing is pooled', () => {
    expect(proRata(100n, 1n, 3n)).toBe(33n);
    expect(proRata(150n, 1n, 3n)).toBe(50n);
    expect(proRata(5n, 1n, 2n)).toBe(3n);
    expect(proRata(-5n, 1n, 2n)).toBe(-3n);
    expect(proRata(1000n, 0n, 0n)).toBe(0n);
  });
});

describe('reversals in the reports’ ledgers', () => {
  const standing = { reversedBy: null, reverses: null, reason: null };
  it('marks a reversed entry and its reversal with the reason', () => {
    expect(reversalNote(standing)).toBe('');
    expect(reversalNote({ ...standing, reversedBy: 'r1' })).toBe('reversed');
    expect(reversalNote({ ...standing, reverses: 'e1', reason: 'Recorded twice' })).toBe(
      'reversal: Recorded twice',
    );
  });

  it('labels contributions by kind, reversal and earmark', () => {
    expect(contributionKindLabel({ ...standing, kind: 'DEPOSIT', earmark: null })).toBe('Deposit');
    expect(
      contributionKindLabel({
        ...standing,
        kind: 'DEPOSIT',
        reversedBy: 'r1',
        earmark: { thematicAreaCode: 2 },
      }),
    ).toBe('Deposit (reversed) · earmarked TA2');
    expect(
      contributionKindLabel({
        ...standing,
        kind: 'COMMITMENT',
        reverses: 'c1',
        reason: 'Typo',
        earmark: null,
      }),
    ).toBe('Commitment (reversal: Typo)');
  });
});

describe('section builders', () => {
  it('builds the sections in the builders’ order and leaves out those without data', () => {
    const builders: SectionBuilder<{ money: string | null }>[] = [
      () => ({ heading: 'Summary', blocks: [] }),
      ({ money }) => (money ? { heading: 'Funding', blocks: [{ kind: 'paragraph', text: money }] } : null),
      () => ({ heading: 'Results', blocks: [] }),
    ];
    expect(buildSections({ money: null }, builders).map((s) => s.heading)).toEqual(['Summary', 'Results']);
    expect(buildSections({ money: '1.00' }, builders).map((s) => s.heading)).toEqual([
      'Summary',
      'Funding',
      'Results',
    ]);
  });
});
