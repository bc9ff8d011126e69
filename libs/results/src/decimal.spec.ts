import fc from 'fast-check';
import { formatDecimal, parseDecimal } from '@mptf/platform';
import { compareDecimal, formatScaled, fromDb, normalizeDecimal, sumDecimals, toScaled } from './decimal';

describe('indicator decimals', () => {
  it('normalizes numbers and strings and refuses the rest', () => {
    expect(normalizeDecimal(12.5)).toBe('12.5');
    expect(normalizeDecimal('0012.5000')).toBe('12.5');
    expect(normalizeDecimal('-0.0')).toBe('0');
    expect(normalizeDecimal(1e21)).toBeNull();
    expect(normalizeDecimal('1.23456')).toBeNull();
    expect(normalizeDecimal('abc')).toBeNull();
    expect(normalizeDecimal(true)).toBeNull();
    expect(normalizeDecimal(Number.NaN)).toBeNull();
  });

  it('reads numeric columns and adds without floating point', () => {
    expect(fromDb('1250.0000')).toBe('1250');
    expect(fromDb('123456789012345678901.5000')).toBe('123456789012345678901.5');
    expect(fromDb(null)).toBeNull();
    // The string fast path gives what the parser gives, for every shape PostgreSQL prints.
    const numeric = { name: 'numeric value', places: 4, signed: true, truncate: true };
    for (const text of [
      '0',
      '0.0000',
      '-0.0000',
      '-0',
      '12',
      '12.5000',
      '-12.5000',
      '0.0001',
      '-0.0100',
      '1000.1000',
      '7.25',
      '100',
      '10.0000',
      '99999999999999999999.9999',
      '1.23456',
      '007.5',
      ' 3.5',
    ])
      expect(fromDb(text)).toBe(formatDecimal(parseDecimal(text, numeric), 4, { trim: true }));
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(compareDecimal('10', '9.9999')).toBe(1);
  });

  it('round-trips every scaled value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), (scaled) => {
        expect(toScaled(formatScaled(scaled))).toBe(scaled);
      }),
    );
  });
});
