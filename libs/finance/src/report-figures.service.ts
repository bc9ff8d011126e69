import { Injectable } from '@nestjs/common';
import { AgencyInterestRepository } from './agency-interest.repository';
import { formatMoney } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { PortfolioDimension, PortfolioGroup } from './finance-read.types';
import { formatFundStatus, FundStatus, fundStatusFrom } from './fund-math';
import { LedgerRepository } from './ledger.repository';
import { deliveryRateOrNull, pledgeFigures, pledgeRate } from './pledge-math';
import { PortfolioRepository } from './portfolio.repository';
import { ReportFiguresRepository } from './report-figures.repository';

/** The funding-status table in the three columns of a report for year Y. */
export interface YearColumns {
  /** To 31 December Y−1. */
  prior: FundStatus;
  /** Entries of year Y. */
  current: FundStatus;
  /** To 31 December Y (or the report's as-of date in the current year). */
  total: FundStatus;
}

/** One donor's pledge in one currency as donor reports state it (see pledge-math). */
export interface PledgeLine {
  currency: string;
  committedOriginal: string;
  depositedOriginal: string;
  outstandingOriginal: string;
  /** US$ per unit applied to the unpaid part. */
  rate: string;
  committedUsd: string;
  depositedUsd: string;
  outstandingUsd: string;
}

export interface DonorPledges {
  donorCode: string;
  donorName: string;
  lines: PledgeLine[];
  /** US$, over the donor's currencies, to the cut-off. */
  committed: string;
  deposited: string;
  outstanding: string;
  aaFees: string;
  /** US$ deposited and fees in the cut-off's year. */
  depositedInYear: string;
  aaFeesInYear: string;
}

/** The rate applied to a currency's unpaid pledges and the contribution it comes from. */
export interface StatedRate {
  currency: string;
  rate: string;
  date: string;
}

export interface Pledges {
  donors: DonorPledges[];
  rates: StatedRate[];
}

/** One PUNO's money on one programme, cut at a year. */
export interface PunoProgrammeMoney {
  programmeId: string;
  orgCode: string;
  orgName: string;
  allocated: string;
  transferred: string;
  refunded: string;
  netFunded: string;
  expenditure: string;
  /** Expenditure ÷ net funded; null when nothing is net funded (n/a). */
  deliveryRate: string | null;
}

/** A portfolio group as donor reports show it: with refunds, net funded and a rate that may be n/a. */
export interface PortfolioMoneyGroup extends Omit<PortfolioGroup, 'deliveryRate'> {
  refunded: string;
  netFunded: string;
  /** Expenditure ÷ net funded; null when nothing is net funded (n/a). */
  deliveryRate: string | null;
}

export interface EarmarkedDeposits {
  /** null: unearmarked. */
  thematicAreaCode: number | null;
  deposits: string;
  depositsInYear: string;
}

/** Interest an agency earned, to the cut-off and in the year (money strings). */
export interface AgencyInterestSums {
  orgCode: string;
  total: string;
  inYear: string;
}

export interface PipelineProposal {
  reference: string;
  title: string;
  thematicAreaCode: number;
  requested: string;
}

export interface ProgrammeClosure {
  programmeId: string;
  operational: string | null;
  financial: string | null;
}

interface DonorAccumulator {
  code: string;
  name: string;
  lines: PledgeLine[];
  committed: bigint;
  deposited: bigint;
  outstanding: bigint;
  fees: bigint;
  depositedInYear: bigint;
  feesInYear: bigint;
}

function newAccumulator(code: string, name: string): DonorAccumulator {
  const zero = 0n;
  return {
    code,
    name,
    lines: [],
    committed: zero,
    deposited: zero,
    outstanding: zero,
    fees: zero,
    depositedInYear: zero,
    feesInYear: zero,
  };
}

/**
 * What donor reports read from finance, cut at 31 December of a year: the funding status in
 * year columns, pledges at a stated rate, each PUNO's money per programme, earmarked deposits,
 * the unfunded pipeline and closure dates. Each method reads with the caller's manager.
 */
@Injectable()
export class FinanceReportReader {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly figures: ReportFiguresRepository,
    private readonly portfolioRows: PortfolioRepository,
    private readonly agencyInterestRows: AgencyInterestRepository,
  ) {}

  /**
   * Interest earned by each agency on the fund's money it holds, to the end of `throughYear`
   * (everything without one) and in that year; agencies without any are absent.
   */
  async agencyInterest(manager: EntityManager, throughYear?: number): Promise<AgencyInterestSums[]> {
    const rows = await this.agencyInterestRows.sumsByOrganization(manager, throughYear);
    return rows.map((row) => ({
      orgCode: row.org_code,
      total: formatMoney(BigInt(row.total)),
      inYear: formatMoney(BigInt(row.in_year)),
    }));
  }

  /** The portfolio grouped by one dimension (as `/portfolio` groups it), cut at 31 December of `throughYear`. */
  async portfolio(
    manager: EntityManager,
    groupBy: PortfolioDimension,
    throughYear?: number,
  ): Promise<PortfolioMoneyGroup[]> {
    const rows = await this.portfolioRows.groups(manager, groupBy, throughYear);
    const numeric =
      groupBy === PortfolioDimension.THEMATIC_AREA || groupBy === PortfolioDimension.GCM_OBJECTIVE;
    return rows.map((row) => {
      const expenditure = BigInt(row.expenditure);
      const netFunded = BigInt(row.transferred) - BigInt(row.refunded);
      return {
        key: numeric ? Number(row.key) : row.key,
        label: row.label,
        programmes: row.programmes,
        allocated: formatMoney(BigInt(row.allocated)),
        transferred: formatMoney(BigInt(row.transferred)),
        refunded: formatMoney(BigInt(row.refunded)),
        netFunded: formatMoney(netFunded),
        expenditure: formatMoney(expenditure),
        deliveryRate: deliveryRateOrNull(expenditure, netFunded),
      };
    });
  }

  async yearColumns(manager: EntityManager, year: number): Promise<YearColumns> {
    const status = async (filter: { year?: number; throughYear?: number }) =>
      formatFundStatus(fundStatusFrom(await this.ledger.totals(manager, filter)));
    return {
      prior: await status({ throughYear: year - 1 }),
      current: await status({ year }),
      total: await status({ throughYear: year }),
    };
  }

  async pledges(
    manager: EntityManager,
    filter: { throughYear: number; donorCode?: string },
  ): Promise<Pledges> {
    const rows = await this.figures.donorCurrencies(manager, filter);
    const latest = await this.figures.latestRates(manager, filter.throughYear);
    const rates = new Map<string, StatedRate>(
      latest.map((row) => [
        row.currency,
        { currency: row.currency, rate: pledgeRate(BigInt(row.usd), BigInt(row.original)), date: row.date },
      ]),
    );
    const donors = new Map<string, DonorAccumulator>();
    for (const row of rows) {
      const rate = row.currency === 'USD' ? '1.000000' : (rates.get(row.currency)?.rate ?? '0.000000');
      const figures = pledgeFigures(
        {
          currency: row.currency,
          committedOriginal: BigInt(row.committed_original),
          depositedOriginal: BigInt(row.deposited_original),
          depositedUsd: BigInt(row.deposited_usd),
        },
        rate,
      );
      const donor = donors.get(row.code) ?? newAccumulator(row.code, row.name);
      donors.set(row.code, donor);
      donor.committed += figures.committedUsd;
      donor.deposited += figures.depositedUsd;
      donor.outstanding += figures.outstandingUsd;
      donor.fees += BigInt(row.fees);
      donor.depositedInYear += BigInt(row.deposited_usd_in_year);
      donor.feesInYear += BigInt(row.fees_in_year);
      if (figures.committedOriginal !== 0n || figures.depositedOriginal !== 0n)
        donor.lines.push({
          currency: figures.currency,
          committedOriginal: formatMoney(figures.committedOriginal),
          depositedOriginal: formatMoney(figures.depositedOriginal),
          outstandingOriginal: formatMoney(figures.outstandingOriginal),
          rate: figures.rate,
          committedUsd: formatMoney(figures.committedUsd),
          depositedUsd: formatMoney(figures.depositedUsd),
          outstandingUsd: formatMoney(figures.outstandingUsd),
        });
    }
    const stated = [...donors.values()]
      .sort((a, b) =>
        b.deposited > a.deposited ? 1 : b.deposited < a.deposited ? -1 : a.code.localeCompare(b.code),
      )
      .map((donor): DonorPledges => ({
        donorCode: donor.code,
        donorName: donor.name,
        lines: donor.lines,
        committed: formatMoney(donor.committed),
        deposited: formatMoney(donor.deposited),
        outstanding: formatMoney(donor.outstanding),
        aaFees: formatMoney(donor.fees),
        depositedInYear: formatMoney(donor.depositedInYear),
        aaFeesInYear: formatMoney(donor.feesInYear),
      }));
    // The rates stated are those applied: to a currency with an unpaid part somewhere.
    const used = new Set(
      stated.flatMap((d) =>
        d.lines.filter((line) => line.outstandingOriginal !== '0.00').map((line) => line.currency),
      ),
    );
    return {
      donors: stated,
      rates: [...rates.values()].filter((rate) => rate.currency !== 'USD' && used.has(rate.currency)),
    };
  }

  /** Each PUNO's money per programme to the end of `throughYear` (everything without one). */
  async punoMoney(manager: EntityManager, throughYear?: number): Promise<PunoProgrammeMoney[]> {
    const rows = await this.figures.punoSumsThrough(manager, throughYear);
    return rows.map((row) => {
      const transferred = BigInt(row.transferred);
      const refunded = BigInt(row.refunded);
      const expenditure = BigInt(row.expenditure);
      const netFunded = transferred - refunded;
      return {
        programmeId: row.proposal_id,
        orgCode: row.org_code,
        orgName: row.org_name,
        allocated: formatMoney(BigInt(row.allocated)),
        transferred: formatMoney(transferred),
        refunded: formatMoney(refunded),
        netFunded: formatMoney(netFunded),
        expenditure: formatMoney(expenditure),
        deliveryRate: deliveryRateOrNull(expenditure, netFunded),
      };
    });
  }

  async earmarkedDeposits(manager: EntityManager, throughYear: number): Promise<EarmarkedDeposits[]> {
    const rows = await this.figures.depositsByEarmark(manager, throughYear);
    return rows.map((row) => ({
      thematicAreaCode: row.area,
      deposits: formatMoney(BigInt(row.deposits)),
      depositsInYear: formatMoney(BigInt(row.deposits_in_year)),
    }));
  }

  /** The pipeline now, or with `throughYear` as it stood at 31 December of that year. */
  async pipeline(manager: EntityManager, throughYear?: number): Promise<PipelineProposal[]> {
    const rows = await this.figures.pipeline(manager, throughYear);
    return rows.map((row) => ({
      reference: row.reference,
      title: row.title,
      thematicAreaCode: row.thematic_area_code,
      requested: formatMoney(BigInt(row.requested)),
    }));
  }

  async closures(manager: EntityManager): Promise<ProgrammeClosure[]> {
    const rows = await this.figures.closureDates(manager);
    return rows.map((row) => ({
      programmeId: row.proposal_id,
      operational: row.operational,
      financial: row.financial,
    }));
  }
}
