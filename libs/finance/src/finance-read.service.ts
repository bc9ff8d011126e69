import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatMoney, NotFoundError, pageOf, ratio } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  moneyFigures,
  PortfolioDimension,
  PortfolioGroup,
  ProgrammeDetail,
  ProgrammePage,
  ProgrammeQuery,
} from './finance-read.types';
import { AvailableFundsService } from './available-funds.service';
import { formatFundStatus, FundStatus, fundStatusFrom, programmeFigures } from './fund-math';
import { LedgerRepository } from './ledger.repository';
import { PortfolioRepository } from './portfolio.repository';
import { ProgrammeReadRepository, toCents } from './programme-read.repository';

/** Dimensions whose group keys are codes (numbers in JSON). */
const NUMERIC_KEYS: ReadonlySet<PortfolioDimension> = new Set([
  PortfolioDimension.THEMATIC_AREA,
  PortfolioDimension.GCM_OBJECTIVE,
]);

/**
 * Read models of the fund: programmes with their money, the funding-status table and the
 * portfolio breakdowns. Every figure is a sum over the ledger in SQL. Each method takes an
 * optional EntityManager so a report can read them all in one REPEATABLE READ transaction.
 */
@Injectable()
export class FinanceReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly programmeRows: ProgrammeReadRepository,
    private readonly portfolioRows: PortfolioRepository,
    private readonly available: AvailableFundsService,
  ) {}

  /**
   * The ledger as the manager's snapshot sees it, as a string that changes with every entry:
   * what a figure read in another snapshot can be checked against before it is reused.
   */
  ledgerState(manager: EntityManager = this.dataSource.manager): Promise<string> {
    return this.ledger.state(manager);
  }

  /** The funding-status table for one reporting year, or since inception without a year. */
  async fundStatus(
    manager: EntityManager = this.dataSource.manager,
    filter: { year?: number; throughYear?: number } = {},
  ): Promise<FundStatus> {
    return formatFundStatus(fundStatusFrom(await this.ledger.totals(manager, filter)));
  }

  /**
   * GET /fund/status: the two ledgers plus what can be allocated today (`availableForAllocation`,
   * AvailableFundsService's one definition), read in one snapshot.
   */
  async fundStatusWithAvailable(
    filter: { year?: number } = {},
  ): Promise<FundStatus & { availableForAllocation: string }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      ...(await this.fundStatus(manager, filter)),
      availableForAllocation: formatMoney(await this.available.amount(manager)),
    }));
  }

  /** A page of programmes with the totals of the whole filtered list, read in one snapshot. */
  async programmes(manager: EntityManager | undefined, query: ProgrammeQuery): Promise<ProgrammePage> {
    const read = async (db: EntityManager): Promise<ProgrammePage> => {
      const total = await this.programmeRows.count(db, query);
      const rows = await this.programmeRows.page(db, query);
      const totals = moneyFigures(await this.programmeRows.totals(db, query));
      return {
        ...pageOf(
          rows.map((row) => row.summary),
          total,
          query,
        ),
        totals,
      };
    };
    return manager ? read(manager) : this.dataSource.transaction('REPEATABLE READ', read);
  }

  async programme(manager: EntityManager = this.dataSource.manager, id: string): Promise<ProgrammeDetail> {
    const found = await this.programmeRows.find(manager, id);
    if (!found) throw new NotFoundError('Programme', id);
    const { summary, money } = found;
    const punos = await this.programmeRows.punos(manager, id);
    const gcmObjectiveCodes = await this.programmeRows.objectiveCodes(manager, id);
    const movements = await this.programmeRows.movements(manager, id);
    const totals = programmeFigures(money);
    return {
      ...summary,
      gcmObjectiveCodes,
      untransferred: formatMoney(totals.untransferred),
      balance: formatMoney(totals.balance),
      organizations: punos.map((puno) => {
        const figures = programmeFigures(puno);
        return {
          orgCode: puno.code,
          name: puno.name,
          ...moneyFigures(puno),
          untransferred: formatMoney(figures.untransferred),
          balance: formatMoney(figures.balance),
        };
      }),
      movements,
    };
  }

  /**
   * The portfolio grouped by one dimension. How programmes are counted:
   * - thematicArea and status: each programme in exactly one group (its primary thematic area).
   * - gcmObjective, region, country: a proposal does not split its budget by objective or
   *   country, so a programme counts with its FULL amounts in every group it belongs to; groups
   *   overlap and their sum can exceed the fund's totals. Programmes without countries (global
   *   scope) form the group GLOBAL for region and country.
   * - organization: one group per PUNO with that PUNO's OWN amounts (its allocation, transfers,
   *   expenditure); `programmes` counts the programmes it takes part in.
   * Thematic areas, GCM objectives and programme statuses are all listed, with zeros if unused.
   */
  async portfolio(
    manager: EntityManager = this.dataSource.manager,
    groupBy: PortfolioDimension,
  ): Promise<PortfolioGroup[]> {
    const rows = await this.portfolioRows.groups(manager, groupBy);
    return rows.map((row) => {
      const money = toCents(row);
      return {
        key: NUMERIC_KEYS.has(groupBy) ? Number(row.key) : row.key,
        label: row.label,
        programmes: row.programmes,
        allocated: formatMoney(money.allocated),
        transferred: formatMoney(money.transferred),
        expenditure: formatMoney(money.expenditure),
        deliveryRate: ratio(money.expenditure, money.transferred - money.refunded, 4),
      };
    });
  }
}
