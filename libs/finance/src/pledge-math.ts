import { applyRate, Cents, divideRounded, ratio } from '@mptf/platform';

/**
 * How pledges are stated in donor reports (the MPTF Office's practice):
 * - a donor's commitment in a currency is never below what it deposited in that currency: a
 *   deposit beyond the recorded commitments counts as committed (the commitment it implies);
 * - the unpaid part (committed − deposited, in the pledge's currency) is converted at the rate of
 *   the report date: the rate of the fund's latest contribution in that currency on or before
 *   the cut-off, to six decimals;
 * - in US$, committed = deposits at the rates they were received + the unpaid part at that rate,
 *   so outstanding = committed − deposited in the currency and in US$ alike.
 */
export const PLEDGE_RATE_PLACES = 6;

export interface PledgeInput {
  currency: string;
  committedOriginal: Cents;
  depositedOriginal: Cents;
  depositedUsd: Cents;
}

export interface PledgeFigures {
  currency: string;
  committedOriginal: Cents;
  depositedOriginal: Cents;
  outstandingOriginal: Cents;
  /** US$ per unit applied to the unpaid part (six decimals; "1.000000" for US$). */
  rate: string;
  committedUsd: Cents;
  depositedUsd: Cents;
  outstandingUsd: Cents;
}

/** US$ per unit a contribution of `usd` for `original` implies, six decimals. */
export function pledgeRate(usd: Cents, original: Cents): string {
  return ratio(usd, original, PLEDGE_RATE_PLACES);
}

export function pledgeFigures(input: PledgeInput, rate: string): PledgeFigures {
  const committedOriginal =
    input.committedOriginal > input.depositedOriginal ? input.committedOriginal : input.depositedOriginal;
  const outstandingOriginal = committedOriginal - input.depositedOriginal;
  const outstandingUsd = applyRate(outstandingOriginal, rate);
  return {
    currency: input.currency,
    committedOriginal,
    depositedOriginal: input.depositedOriginal,
    outstandingOriginal,
    rate,
    committedUsd: input.depositedUsd + outstandingUsd,
    depositedUsd: input.depositedUsd,
    outstandingUsd,
  };
}

/** a ÷ b rounded down (towards −∞), and the non-negative remainder; b > 0. */
function floorDivMod(a: bigint, b: bigint): [bigint, bigint] {
  const remainder = ((a % b) + b) % b;
  return [(a - remainder) / b, remainder];
}

/**
 * Splits `total` cents over `weights` in proportion, rounding by the largest remainder so the
 * parts add up to `total` exactly (ties go to the earlier weight). Weights may be negative (a
 * balance that fell) as long as they do not sum to zero; then every part is zero.
 */
export function apportion(total: Cents, weights: Cents[]): Cents[] {
  // A negative total is split as its magnitude, so −1.00 over three goes −0.34, −0.33, −0.33.
  if (total < 0n) return apportion(-total, weights).map((part) => -part);
  let sum = weights.reduce((acc, weight) => acc + weight, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const sign = sum < 0n ? -1n : 1n;
  sum *= sign;
  const split = weights.map((weight) => floorDivMod(total * weight * sign, sum));
  const parts = split.map(([part]) => part);
  let left = total - parts.reduce((acc, part) => acc + part, 0n);
  const order = split
    .map(([, remainder], index) => ({ index, remainder }))
    .sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const { index } of order) {
    if (left <= 0n) break;
    parts[index] += 1n;
    left -= 1n;
  }
  return parts;
}

/** `amount × part ÷ whole` to the cent (half away from zero); 0 when the whole is 0. */
export function shareOf(amount: Cents, part: Cents, whole: Cents): Cents {
  return whole === 0n ? 0n : divideRounded(amount * part, whole);
}

/** A delivery rate (expenditure ÷ net funded, four decimals), or null when nothing is net funded (n/a). */
export function deliveryRateOrNull(expenditure: Cents, netFunded: Cents): string | null {
  return netFunded === 0n ? null : ratio(expenditure, netFunded, 4);
}
