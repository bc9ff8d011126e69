import { Injectable } from '@nestjs/common';
import {
  ContributionsService,
  DonorSummary,
  FinanceReadService,
  FundStatus,
  PortfolioDimension,
  PortfolioGroup,
  ProgrammeSummary,
} from '@mptf/finance';
import { EntityManager } from 'typeorm';
import { unshared } from '../../runs/shared-parts';
import { ComposeContext } from '../report-composer';

/** The part of a contributor statement that is the same for every donor in one snapshot. */
export interface ContributorFundPart {
  /** Every donor since inception: the pooled money a donor's share is of. */
  everyDonor: DonorSummary[];
  /** `/fund/status` since inception. */
  fund: FundStatus;
  /** `/portfolio` by thematic area (since inception). */
  byArea: PortfolioGroup[];
  /** Every programme (`/programmes`, all pages). */
  programmes: ProgrammeSummary[];
}

/** Shared-part name of the fund-level part (runs of one batch compute it once). */
export const CONTRIBUTOR_FUND_PART = 'contributor-statement:fund';

/**
 * Reads the fund-level part of a contributor statement from the finance read models of
 * `/contributions` (every donor), `/fund/status`, `/portfolio` and `/programmes`. In a batch of
 * statements (POST /reports/batches) it is read once and reused by the batch's other runs whose
 * snapshot sees the same ledger (`FinanceReadService.ledgerState`).
 */
@Injectable()
export class ContributorFundLoader {
  constructor(
    private readonly finance: FinanceReadService,
    private readonly contributions: ContributionsService,
  ) {}

  load(context: ComposeContext): Promise<ContributorFundPart> {
    const { manager } = context;
    return (context.shared ?? unshared()).get(
      CONTRIBUTOR_FUND_PART,
      () => this.finance.ledgerState(manager),
      () => this.read(manager),
    );
  }

  private async read(manager: EntityManager): Promise<ContributorFundPart> {
    const everyDonor = await this.contributions.donorSummary(manager, {});
    const fund = await this.finance.fundStatus(manager, {});
    const byArea = await this.finance.portfolio(manager, PortfolioDimension.THEMATIC_AREA);
    const programmes = await this.allProgrammes(manager);
    return { everyDonor, fund, byArea, programmes };
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
