/** Every money movement the fund records; each is one row of the append-only ledger. */
export enum LedgerKind {
  /** Signed by a donor, maybe not yet paid: not cash, so not a source of funds. */
  COMMITMENT = 'COMMITMENT',
  /** Cash received by the Administrative Agent. */
  DEPOSIT = 'DEPOSIT',
  /** The AA's fee on a deposit (fund setting `aaFeeRate`, 1%). */
  AA_FEE = 'AA_FEE',
  INTEREST = 'INTEREST',
  OTHER_INCOME = 'OTHER_INCOME',
  /** What the SC approved for a PUNO on a programme: reserves money, moves no cash. */
  ALLOCATION = 'ALLOCATION',
  /** Cash from the AA to a PUNO against its allocation. */
  TRANSFER = 'TRANSFER',
  /** Cash returned by a PUNO to the AA. */
  REFUND = 'REFUND',
  /** Reported by a PUNO per year and budget category. */
  EXPENDITURE = 'EXPENDITURE',
  DIRECT_COST = 'DIRECT_COST',
  BANK_CHARGE = 'BANK_CHARGE',
}

export type ContributionKind = 'COMMITMENT' | 'DEPOSIT';
export const CONTRIBUTION_KINDS: readonly ContributionKind[] = ['COMMITMENT', 'DEPOSIT'];

/** Movements the AA records directly on the fund (not tied to a donor or a programme). */
export type FundEntryKind = 'INTEREST' | 'OTHER_INCOME' | 'DIRECT_COST' | 'BANK_CHARGE';
export const FUND_ENTRY_KINDS: readonly FundEntryKind[] = [
  'INTEREST',
  'OTHER_INCOME',
  'DIRECT_COST',
  'BANK_CHARGE',
];

/** Fund entries that take money out of the AA balance (and so need the fund lock). */
export const FUND_CHARGE_KINDS: readonly FundEntryKind[] = ['DIRECT_COST', 'BANK_CHARGE'];
