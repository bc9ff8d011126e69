import { Injectable } from '@nestjs/common';
import {
  FinanceReadService,
  FinanceReportReader,
  Pledges,
  PortfolioDimension,
  PortfolioMoneyGroup,
  ProgrammeSummary,
  PunoProgrammeMoney,
  YearColumns,
} from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { unshared } from '../../runs/shared-parts';
import { ComposeContext } from '../report-composer';

/** One programme's money to the statement's cut-off (summed over its PUNOs). */
export interface StatementProgramme {
  id: string;
  reference: string;
  title: string;
  thematicAreaCode: number;
  netFunded: string;
  expenditure: string;
}

/**
 * The fund-level part of every contributor statement for one cut-off: the same for every donor
 * (the fund's uses, totals and every donor's pledges, from which each share is taken), so it can
 * be loaded once per snapshot and shared between statements.
 */
export interface StatementFundData {
  /** The year the statement is cut at (31 December, or the as-of date in the current year). */
  cutYear: number;
  currentYear: boolean;
  /** The funding status: prior years, the cut year and the total to the cut-off. */
  columns: YearColumns;
  /** Every donor's pledges and deposits to the cut-off: the pool each share is of. */
  pledges: Pledges;
  /** Net funded and expenditure by thematic area to the cut-off. */
  byArea: PortfolioMoneyGroup[];
  /** Programmes with money to the cut-off. */
  programmes: StatementProgramme[];
}

/** Shared-part name of the fund-level part (with its cut year): runs of one batch compute it once. */
export const CONTRIBUTOR_FUND_PART = 'contributor-statement:fund';

/**
 * Loads a statement's fund-level part for a cut year. Donor-independent: a batch of statements
 * of the same snapshot and year can share one result.
 */
@Injectable()
export class StatementFundLoader {
  constructor(
    private readonly finance: FinanceReadService,
    private readonly figures: FinanceReportReader,
  ) {}

  /**
   * The part for one run: in a batch of statements (POST /reports/batches) read once and reused
   * by the batch's other runs whose snapshot sees the same ledger (SharedPartsStore); otherwise
   * read here.
   */
  loadFor(
    context: ComposeContext,
    cut: { cutYear: number; currentYear: boolean },
  ): Promise<StatementFundData> {
    const { manager } = context;
    return (context.shared ?? unshared()).get(
      `${CONTRIBUTOR_FUND_PART}:${cut.cutYear}${cut.currentYear ? ':current' : ''}`,
      () => this.finance.ledgerState(manager),
      () => this.load(manager, cut),
    );
  }

  async load(
    manager: EntityManager,
    cut: { cutYear: number; currentYear: boolean },
  ): Promise<StatementFundData> {
    const { cutYear, currentYear } = cut;
    const through = currentYear ? undefined : cutYear;
    const columns = await this.figures.yearColumns(manager, cutYear);
    const pledges = await this.figures.pledges(manager, { throughYear: cutYear });
    const byArea = await this.figures.portfolio(manager, PortfolioDimension.THEMATIC_AREA, through);
    const money = await this.figures.punoMoney(manager, through);
    const programmes = programmesWithMoney(await this.allProgrammes(manager), money);
    return { cutYear, currentYear, columns, pledges, byArea, programmes };
  }

  private async allProgrammes(manager: EntityManager): Promise<ProgrammeSummary[]> {
    const all: ProgrammeSummary[] = [];
    for (let page = 1; ; page++) {
      const result = await this.finance.programmes(manager, { page, pageSize: 1000 });
      all.push(...result.items);
      if (all.length >= result.total || !result.items.length) return all;
    }
  }
}

/** The programmes' net funded amount and expenditure to the cut-off, those with either. */
function programmesWithMoney(
  programmes: ProgrammeSummary[],
  money: PunoProgrammeMoney[],
): StatementProgramme[] {
  const sums = new Map<string, { netFunded: bigint; expenditure: bigint }>();
  for (const row of money) {
    const sum = sums.get(row.programmeId) ?? { netFunded: 0n, expenditure: 0n };
    sum.netFunded += parseMoney(row.netFunded);
    sum.expenditure += parseMoney(row.expenditure);
    sums.set(row.programmeId, sum);
  }
  return programmes
    .filter((p) => {
      const sum = sums.get(p.id);
      return sum !== undefined && (sum.netFunded !== 0n || sum.expenditure !== 0n);
    })
    .map((p) => {
      const sum = sums.get(p.id)!;
      return {
        id: p.id,
        reference: p.reference,
        title: p.title,
        thematicAreaCode: p.thematicAreaCode,
        netFunded: formatMoney(sum.netFunded),
        expenditure: formatMoney(sum.expenditure),
      };
    });
}
