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
  /**
   * Interest a PUNO earned on the fund's money it holds, as the AA records it when the agency
   * reports it: shown per agency beside its money, never a source of funds with the AA nor part
   * of any balance (the MPTF Office reports agency-earned interest separately).
   */
  AGENCY_INTEREST = 'AGENCY_INTEREST',
}

/** A kind as its string (what JSON bodies and the database hold); the enum's members are ones. */
export type LedgerKindValue = `${LedgerKind}`;

/** Donors' contributions. */
export const CONTRIBUTION_KINDS = [LedgerKind.COMMITMENT, LedgerKind.DEPOSIT] as const;
export type ContributionKind = `${(typeof CONTRIBUTION_KINDS)[number]}`;

/** Movements the AA records directly on the fund (not tied to a donor or a programme). */
export const FUND_ENTRY_KINDS = [
  LedgerKind.INTEREST,
  LedgerKind.OTHER_INCOME,
  LedgerKind.DIRECT_COST,
  LedgerKind.BANK_CHARGE,
] as const;
export type FundEntryKind = `${(typeof FUND_ENTRY_KINDS)[number]}`;

/** Fund entries that take money out of the AA balance (and so need the fund lock). */
export const FUND_CHARGE_KINDS: readonly FundEntryKind[] = [LedgerKind.DIRECT_COST, LedgerKind.BANK_CHARGE];

/** Income that adds to the unearmarked pool: reversing it takes money back out. */
export const FUND_INCOME_KINDS: readonly FundEntryKind[] = [LedgerKind.INTEREST, LedgerKind.OTHER_INCOME];

/** Sources of funds with the AA (commitments are promises, not cash). */
export const FUND_SOURCE_KINDS: readonly LedgerKindValue[] = [LedgerKind.DEPOSIT, ...FUND_INCOME_KINDS];

/** The AA's resources: its sources less what it pays out other than to programmes. */
export const FUND_RESOURCE_KINDS: readonly LedgerKindValue[] = [
  ...FUND_SOURCE_KINDS,
  LedgerKind.AA_FEE,
  ...FUND_CHARGE_KINDS,
];

/** Programme-linked kinds: their sums per PUNO make a programme's money. */
export const PROGRAMME_KINDS: readonly LedgerKindValue[] = [
  LedgerKind.ALLOCATION,
  LedgerKind.TRANSFER,
  LedgerKind.REFUND,
  LedgerKind.EXPENDITURE,
];

/** A programme's movements of money (its expenditure is reported per year and category). */
export const MOVEMENT_KINDS = [LedgerKind.ALLOCATION, LedgerKind.TRANSFER, LedgerKind.REFUND] as const;
