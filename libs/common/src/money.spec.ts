import {
  applyRate,
  divideRounded,
  formatMoney,
  formatUsd,
  groupThousands,
  isMoneyString,
  parseMoney,
  parseMoneyInput,
  ratio,
} from './money';

describe('money', () => {
  it('parses and formats decimal strings without floating point', () => {
    expect(parseMoney('1250000.00')).toBe(125000000n);
    expect(parseMoney('0.1')).toBe(10n);
    expect(parseMoney('-3.05')).toBe(-305n);
    expect(formatMoney(125000050n)).toBe('1250000.50');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(parseMoney('999999999999999.99'))).toBe('999999999999999.99');
  });

  it('rejects what is not a two-decimal amount', () => {
    for (const bad of ['1.234', '1e5', 'abc', '', '1,000.00', '0x10']) {
      expect(isMoneyString(bad)).toBe(false);
      expect(() => parseMoney(bad)).toThrow(RangeError);
    }
  });

  it('applies a rate rounding half away from zero to the cent', () => {
    // 7% of 100.07 = 7.0049 → 7.00
    expect(applyRate(10007n, '0.07')).toBe(700n);
    // 7% of 100.50 = 7.035 → 7.04 (half rounds up)
    expect(applyRate(10050n, '0.07')).toBe(704n);
    // 1% of 1,085,000.00 = 10,850.00
    expect(applyRate(108500000n, '0.01')).toBe(1085000n);
    // 1% of 0.50 = 0.005 → 0.01
    expect(applyRate(50n, '0.01')).toBe(1n);
    expect(applyRate(-50n, '0.01')).toBe(-1n);
  });

  it('divides with half-away-from-zero rounding', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
  });

  it('expresses ratios as four-decimal strings', () => {
    expect(ratio(4213n, 10000n)).toBe('0.4213');
    expect(ratio(1n, 3n)).toBe('0.3333');
    expect(ratio(2n, 3n)).toBe('0.6667');
    expect(ratio(5n, 0n)).toBe('0.0000');
  });

  it('reads a typed amount as cents, and a bad one as null, never as 0', () => {
    expect(parseMoneyInput(' 1250000.5 ')).toBe(125000050n);
    expect(parseMoneyInput('0')).toBe(0n);
    expect(parseMoneyInput('9999999999999.99')).toBe(999999999999999n);
    for (const bad of ['', '  ', null, undefined, 'abc', '-5', '1,000', '1.234', '1e5', '10000000000000']) {
      expect(parseMoneyInput(bad)).toBeNull();
    }
  });
});

describe('formatUsd: amounts in messages, grouped by thousands', () => {
  it('groups the whole part and keeps two decimals', () => {
    expect(formatUsd(601340054n)).toBe('US$ 6,013,400.54');
    expect(formatUsd(-123456789n)).toBe('US$ -1,234,567.89');
    expect(formatUsd(5n)).toBe('US$ 0.05');
    expect(formatUsd(100000000n, 'EUR')).toBe('EUR 1,000,000.00');
  });
});

describe('groupThousands', () => {
  // The look-ahead regex it replaced, for every decimal shape.
  const reference = (decimal: string) => {
    const [whole, fraction] = decimal.split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return fraction === undefined ? grouped : `${grouped}.${fraction}`;
  };

  it('groups the whole part of every decimal string as the regex did', () => {
    const wholes = [
      '0',
      '7',
      '12',
      '999',
      '1000',
      '10000',
      '100000',
      '1234567',
      '0001234',
      '123456789012345',
    ];
    for (const whole of wholes)
      for (const sign of ['', '-'])
        for (const fraction of ['', '.5', '.50', '.0000', '.123456'])
          expect(groupThousands(`${sign}${whole}${fraction}`)).toBe(reference(`${sign}${whole}${fraction}`));
    expect(groupThousands('-1234567.89')).toBe('-1,234,567.89');
  });

  it('leaves what is not a decimal as given', () => {
    expect(groupThousands('')).toBe('');
    expect(groupThousands('n/a')).toBe('n/a');
    expect(groupThousands('12a4567')).toBe('12a4567');
  });
});
