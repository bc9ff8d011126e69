import { InvalidStateError } from '@mptf/platform';
import { ActualAction, actualTransition, actualValueViolations, dueState } from './actual-rules';
import { ActualStatus as S, IndicatorMeasure as M } from './results.types';

describe('actual lifecycle', () => {
  it('goes draft → submitted → approved, or back via returned', () => {
    expect(actualTransition(S.DRAFT, ActualAction.SUBMIT)).toBe(S.SUBMITTED);
    expect(actualTransition(S.SUBMITTED, ActualAction.APPROVE)).toBe(S.APPROVED);
    expect(actualTransition(S.SUBMITTED, ActualAction.RETURN)).toBe(S.RETURNED);
    expect(actualTransition(S.RETURNED, ActualAction.EDIT)).toBe(S.RETURNED);
    expect(actualTransition(S.RETURNED, ActualAction.SUBMIT)).toBe(S.SUBMITTED);
  });

  it('locks approved actuals and refuses edits while submitted, naming the state', () => {
    for (const action of Object.values(ActualAction)) {
      expect(() => actualTransition(S.APPROVED, action)).toThrow(InvalidStateError);
    }
    expect(() => actualTransition(S.SUBMITTED, ActualAction.EDIT)).toThrow(/SUBMITTED/);
    expect(() => actualTransition(S.DRAFT, ActualAction.APPROVE)).toThrow(/DRAFT/);
  });
});

describe('actual values and disaggregation', () => {
  const sex = (female: string, male: string) => [
    { dimension: 'sex', category: 'female', value: female },
    { dimension: 'sex', category: 'male', value: male },
  ];

  it('accepts unit parts that add up, exactly, per dimension', () => {
    expect(actualValueViolations(M.UNIT, '100', sex('56', '44'))).toEqual([]);
    expect(actualValueViolations(M.UNIT, '0.3', sex('0.1', '0.2'))).toEqual([]);
    expect(
      actualValueViolations(M.UNIT, '100', [
        ...sex('56', '44'),
        { dimension: 'age', category: 'under 18', value: '30' },
        { dimension: 'age', category: '18 and over', value: '70' },
      ]),
    ).toEqual([]);
  });

  it('names the dimension whose parts do not add up', () => {
    const details = actualValueViolations(M.UNIT, '100', [
      ...sex('50', '40'),
      { dimension: 'age', category: 'all', value: '100' },
    ]);
    expect(details).toEqual([
      expect.objectContaining({ rule: 'DISAGGREGATION_SUM', dimension: 'sex', field: 'disaggregation' }),
    ]);
    expect(details[0].message).toContain('90');
  });

  it('does not sum non-unit measures but keeps percentages within 0–100', () => {
    expect(actualValueViolations(M.PERCENTAGE, '60', sex('70', '50'))).toEqual([]);
    expect(actualValueViolations(M.PERCENTAGE, '60', sex('170', '50')).map((d) => d.field)).toEqual([
      'disaggregation[0].value',
    ]);
    expect(actualValueViolations(M.PERCENTAGE, '100.01', []).map((d) => d.rule)).toEqual([
      'PERCENTAGE_RANGE',
    ]);
  });

  it('requires a value unless qualitative, and no value or breakdown for qualitative', () => {
    expect(actualValueViolations(M.ORDINAL, null, []).map((d) => d.rule)).toEqual(['VALUE_REQUIRED']);
    expect(actualValueViolations(M.QUALITATIVE, null, [])).toEqual([]);
    expect(actualValueViolations(M.QUALITATIVE, '1', sex('1', '0')).map((d) => d.rule)).toEqual([
      'QUALITATIVE_NO_VALUE',
      'QUALITATIVE_NO_VALUE',
    ]);
  });

  it('refuses a category twice in a dimension', () => {
    const details = actualValueViolations(M.UNIT, '100', [...sex('50', '50'), ...sex('0', '0')]);
    expect(details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['disaggregation[2].category', 'disaggregation[3].category']),
    );
  });
});

describe('due periods', () => {
  it('lists a period once its end has passed without an approved actual', () => {
    expect(dueState('2026-06-30', '2026-06-30', false)).toBeNull();
    expect(dueState('2026-06-30', '2026-07-01', false)).toBe('DUE');
    expect(dueState('2026-06-30', '2026-07-30', false)).toBe('DUE');
    expect(dueState('2026-06-30', '2026-07-31', false)).toBe('OVERDUE');
    expect(dueState('2026-06-30', '2027-01-01', true)).toBeNull();
  });
});
