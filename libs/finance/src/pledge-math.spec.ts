import { apportion, deliveryRateOrNull, pledgeFigures, pledgeRate } from './pledge-math';

describe('pledge math', () => {
  it('states the unpaid part of a pledge at the rate given and keeps committed − deposited = outstanding', () => {
    const figures = pledgeFigures(
      {
        currency: 'NOK',
        committedOriginal: 5000000000n,
        depositedOriginal: 2000000000n,
        depositedUsd: 210000000n,
      },
      pledgeRate(99000000n, 1000000000n),
    );
    expect(figures.rate).toBe('0.099000');
    expect(figures.outstandingOriginal).toBe(3000000000n);
    expect(figures.outstandingUsd).toBe(297000000n);
    expect(figures.committedUsd - figures.depositedUsd).toBe(figures.outstandingUsd);
  });

  it('counts a deposit beyond the commitments as committed (never outstanding below zero)', () => {
    const figures = pledgeFigures(
      { currency: 'EUR', committedOriginal: 0n, depositedOriginal: 100000000n, depositedUsd: 105300000n },
      '1.160000',
    );
    expect(figures.committedOriginal).toBe(100000000n);
    expect(figures.outstandingOriginal).toBe(0n);
    expect(figures.committedUsd).toBe(105300000n);
  });

  it('apportions by the largest remainder so the parts sum to the total', () => {
    expect(apportion(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(apportion(10n, [5n, 3n, 2n])).toEqual([5n, 3n, 2n]);
    expect(apportion(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(apportion(7n, [0n, 0n])).toEqual([0n, 0n]);
    const parts = apportion(1234567n, [333n, 333n, 334n, 1n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(1234567n);
    // ties go to the earlier weight; a larger remainder wins first
    expect(apportion(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    // a negative weight (a balance that fell in the year) still sums exactly
    const signed = apportion(1001n, [700n, 400n, -100n]);
    expect(signed.reduce((a, b) => a + b, 0n)).toBe(1001n);
    expect(signed).toEqual([701n, 400n, -100n]);
  });

  it('leaves the delivery rate n/a (null) when nothing is net funded', () => {
    expect(deliveryRateOrNull(0n, 0n)).toBeNull();
    expect(deliveryRateOrNull(5000n, 10000n)).toBe('0.5000');
  });
});
