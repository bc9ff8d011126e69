/**
 * Money lives in the shared pure package (@mptf/common), which the web app imports too: integer
 * cents in a bigint, decimal strings with two decimals in JSON, never floating point. Re-exported
 * here so server code keeps importing it from @mptf/platform.
 */
export {
  applyRate,
  divideRounded,
  formatMoney,
  formatUsd,
  groupThousands,
  isMoneyString,
  MONEY_FORMAT,
  parseMoney,
  parseRate,
  ratio,
  sumCents,
} from '@mptf/common';
export type { Cents } from '@mptf/common';
export { formatDecimal, isDecimal, parseDecimal } from '@mptf/common';
export type { DecimalFormat } from '@mptf/common';
