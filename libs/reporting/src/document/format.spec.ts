import { displayValue, groupThousands, plainValue } from './format';

describe('report value formats', () => {
  it('groups thousands on the decimal string, never through floats', () => {
    expect(groupThousands('123456789012345.67')).toBe('123,456,789,012,345.67');
    expect(groupThousands('-1000.00')).toBe('-1,000.00');
    expect(groupThousands('999')).toBe('999');
  });

  it('shows money, percent, numbers and blanks for people, plain values for machines', () => {
    expect(displayValue('1070000.00', 'money')).toBe('1,070,000.00');
    expect(displayValue('0.4213', 'percent')).toBe('42.13 %');
    expect(displayValue(12500, 'number')).toBe('12,500');
    expect(displayValue(null, 'money')).toBe('–');
    expect(plainValue('1070000.00')).toBe('1070000.00');
    expect(plainValue(null)).toBe('');
  });
});
