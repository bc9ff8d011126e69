import fc from 'fast-check';
import { DecimalFormat, formatDecimal, isDecimal, parseDecimal } from './decimal';

const MONEY: DecimalFormat = { name: 'money amount', places: 2, wholeDigits: 15, signed: true };
const RATE: DecimalFormat = { name: 'rate', places: 8, signed: false };
const FROM_DATABASE: DecimalFormat = { name: 'numeric value', places: 4, signed: true, truncate: true };

/** Text made of the characters a decimal is written with, and a few it must refuse. */
const decimalish = fc
  .array(fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ',', ' '), { maxLength: 22 })
  .map((chars) => chars.join(''));

describe('decimal', () => {
  it('parses into units of 10^-places without floating point', () => {
    expect(parseDecimal('1250000.5', MONEY)).toBe(125000050n);
    expect(parseDecimal(' -3.05 ', MONEY)).toBe(-305n);
    expect(parseDecimal('0.07', RATE)).toBe(7_000_000n);
    expect(parseDecimal('12', { ...MONEY, places: 0 })).toBe(12n);
    expect(parseDecimal('1.234567', FROM_DATABASE)).toBe(12345n);
  });

  it('refuses with the format named what it does not accept', () => {
    for (const bad of ['1.234', '1e5', 'abc', '', '1,000.00', '0x10', '.5', '5.', '--1', '1234567890123456'])
      expect(() => parseDecimal(bad, MONEY)).toThrow(new RangeError(`not a money amount: ${bad}`));
    expect(() => parseDecimal('-0.07', RATE)).toThrow(RangeError);
    expect(isDecimal(7, MONEY)).toBe(false);
  });

  it('accepts exactly what the money and indicator patterns it replaces accepted', () => {
    const formats: [DecimalFormat, RegExp][] = [
      [MONEY, /^-?\d{1,15}(\.\d{1,2})?$/],
      [{ name: 'decimal value', places: 4, wholeDigits: 16, signed: true }, /^-?\d{1,16}(\.\d{1,4})?$/],
      [RATE, /^\d+(\.\d{1,8})?$/],
    ];
    fc.assert(
      fc.property(decimalish, (text) => {
        for (const [format, pattern] of formats)
          expect(isDecimal(text, format)).toBe(pattern.test(text.trim()));
      }),
      { numRuns: 2000 },
    );
  });

  it('formats fixed or trimmed and round-trips every value', () => {
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
    expect(formatDecimal(125000n, 4)).toBe('12.5000');
    expect(formatDecimal(125000n, 4, { trim: true })).toBe('12.5');
    expect(formatDecimal(-20000n, 4, { trim: true })).toBe('-2');
    expect(formatDecimal(0n, 4, { trim: true })).toBe('0');
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        fc.integer({ min: 0, max: 8 }),
        (n, places) => {
          const format = { name: 'value', places, signed: true };
          expect(parseDecimal(formatDecimal(n, places), format)).toBe(n);
          expect(parseDecimal(formatDecimal(n, places, { trim: true }), format)).toBe(n);
        },
      ),
    );
  });
});
