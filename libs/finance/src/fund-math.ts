import { applyRate, Cents, formatMoney, ratio } from '@mptf/platform';
import { LedgerKind } from './ledger-kind';

/**
 * The money rules as pure functions over integer cents. The services get the sums from SQL over
 * the ledger and hand them here, so each rule is one small, separately tested piece.
 */

/** Sum of the ledger per kind (a reversal is a negative entry of the same kind). */
export type KindTotals = Partial<Record<LedgerKind, Cents>>;

export interface FundStatusCents {
  withAdministrativeAgent: {
    contributions: Cents;
    interest: Cents;
    otherIncome: Cents;
    totalSources: Cents;
    transfers: Cents;
    refunds: Cents;
    aaFees: Cents;
    directCosts: Cents;
    bankCharges: Cents;
    totalUses: Cents;
    balance: Cents;
  };
  withParticipatingOrganizations: {
    transfers: Cents;
    expenditure: Cents;
    refunds: Cents;
    balance: Cents;
    /** Interest the PUNOs earned on what they hold: reported beside, never in the balance. */
    agencyInterest: Cents;
  };
  totalBalance: Cents;
}

type Stringified<T> = { [K in keyof T]: T[K] extends Cents ? string : Stringified<T[K]> };
export type FundStatus = Stringified<FundStatusCents>;

/**
 * The two ledgers as the MPTF Office reports them. With the AA: contributions (deposits, not
 * commitments) + interest + other income = sources; transfers − refunds + AA fees + direct costs
 * + bank charges = uses. With the PUNOs: transfers = resources; expenditure + refunds = expenses;
 * the interest they earned is shown beside, outside both balances.
 */
export function fundStatusFrom(totals: KindTotals): FundStatusCents {
  const of = (kind: LedgerKind): Cents => totals[kind] ?? 0n;
  const contributions = of(LedgerKind.DEPOSIT);
  const interest = of(LedgerKind.INTEREST);
  const otherIncome = of(LedgerKind.OTHER_INCOME);
  const totalSources = contributions + interest + otherIncome;
  const transfers = of(LedgerKind.TRANSFER);
  const refunds = of(LedgerKind.REFUND);
  const aaFees = of(LedgerKind.AA_FEE);
  const directCosts = of(LedgerKind.DIRECT_COST);
  const bankCharges = of(LedgerKind.BANK_CHARGE);
  const totalUses = transfers - refunds + aaFees + directCosts + bankCharges;
  const aaBalance = totalSources - totalUses;
  const expenditure = of(LedgerKind.EXPENDITURE);
  const punoBalance = transfers - expenditure - refunds;
  // Reported separately (MPTF Office practice): not a source of funds and in no balance.
  const agencyInterest = of(LedgerKind.AGENCY_INTEREST);
  return {
    withAdministrativeAgent: {
      contributions,
      interest,
      otherIncome,
      totalSources,
      transfers,
      refunds,
      aaFees,
      directCosts,
      bankCharges,
      totalUses,
      balance: aaBalance,
    },
    withParticipatingOrganizations: { transfers, expenditure, refunds, balance: punoBalance, agencyInterest },
    totalBalance: aaBalance + punoBalance,
  };
}

export function formatFundStatus(status: FundStatusCents): FundStatus {
  const format = <T extends Record<string, Cents>>(group: T) =>
    Object.fromEntries(Object.entries(group).map(([key, value]) => [key, formatMoney(value)])) as {
      [K in keyof T]: string;
    };
  return {
    withAdministrativeAgent: format(status.withAdministrativeAgent),
    withParticipatingOrganizations: format(status.withParticipatingOrganizations),
    totalBalance: formatMoney(status.totalBalance),
  };
}

/** The AA fee on a deposit: `aaFeeRate` × the US$ value, rounded to the cent (half away from zero). */
export function aaFeeOn(usdAmount: Cents, aaFeeRate: string): Cents {
  return applyRate(usdAmount, aaFeeRate);
}

/** US$ per unit of the donor's currency implied by the two amounts, e.g. "1.0850". */
export function impliedRate(usdAmount: Cents, originalAmount: Cents, places = 4): string {
  return ratio(usdAmount, originalAmount, places);
}

export interface ProgrammeMoneyCents {
  allocated: Cents;
  transferred: Cents;
  refunded: Cents;
  expenditure: Cents;
}

export interface ProgrammeFigures extends ProgrammeMoneyCents {
  /** Transfers − refunds. */
  netFunded: Cents;
  /** Expenditure ÷ net funded, four decimals ("0.4213"); "0.0000" before any transfer. */
  deliveryRate: string;
  /** Allocated but not yet transferred. */
  untransferred: Cents;
  /** Held by the PUNO(s): transfers − refunds − expenditure. */
  balance: Cents;
}

export function programmeFigures(money: ProgrammeMoneyCents): ProgrammeFigures {
  const netFunded = money.transferred - money.refunded;
  return {
    ...money,
    netFunded,
    deliveryRate: ratio(money.expenditure, netFunded, 4),
    untransferred: money.allocated - money.transferred,
    balance: netFunded - money.expenditure,
  };
}

/**
 * Money by earmark. Resources: deposits − their AA fees per earmarked thematic area (`null` =
 * unearmarked, which also takes interest, other income, direct costs and bank charges). Claims:
 * what programmes of each thematic area have taken (transfers − refunds) or still hold as
 * allocations not yet transferred.
 */
export interface FundPools {
  resources: Map<number | null, Cents>;
  claims: Map<number | null, Cents>;
}

/**
 * Available funds = balance with the AA − allocations not yet transferred, respecting earmarks:
 * a programme of area A can use money earmarked for A and unearmarked money, never money
 * earmarked for another area. A's claims are paid from A's earmarked money first; what exceeds it
 * spills onto the unearmarked pool. Without an area: the whole fund's available amount.
 */
export function availableFromPools(pools: FundPools, thematicAreaCode?: number | null): Cents {
  const { unearmarked, byArea } = poolAvailability(pools);
  const free = unearmarked > 0n ? unearmarked : 0n;
  if (thematicAreaCode === undefined || thematicAreaCode === null) {
    let total = free;
    for (const leftover of byArea.values()) total += leftover;
    return total;
  }
  return (byArea.get(thematicAreaCode) ?? 0n) + free;
}

/**
 * What is free in each pool: per earmarked area its resources − its claims (never below zero:
 * the excess is taken from the unearmarked pool), and what the unearmarked pool has left.
 */
export function poolAvailability(pools: FundPools): { unearmarked: Cents; byArea: Map<number, Cents> } {
  const areas = new Set<number>();
  for (const key of [...pools.resources.keys(), ...pools.claims.keys()]) if (key !== null) areas.add(key);
  let unearmarked = (pools.resources.get(null) ?? 0n) - (pools.claims.get(null) ?? 0n);
  const byArea = new Map<number, Cents>();
  for (const area of [...areas].sort((a, b) => a - b)) {
    const free = (pools.resources.get(area) ?? 0n) - (pools.claims.get(area) ?? 0n);
    if (free >= 0n) byArea.set(area, free);
    else unearmarked += free;
  }
  return { unearmarked, byArea };
}

/** The AA balance from the same pools: all resources − everything transferred net of refunds. */
export function balanceFromTotals(totals: KindTotals): Cents {
  return fundStatusFrom(totals).withAdministrativeAgent.balance;
}
