import { Injectable } from '@nestjs/common';
import {
  ContributionsService,
  ContributionView,
  DonorSummary,
  FinanceReadService,
  FundStatus,
  PortfolioDimension,
  PortfolioGroup,
  ProgrammeSummary,
} from '@mptf/finance';
import { OrganizationName, OrganizationNamesReader } from '@mptf/identity';
import { NotFoundError } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { snapshotTime } from '../compose-helpers';
import { ComposeContext } from '../report-composer';

/** Everything one donor's statement shows, read in the run's one snapshot. */
export interface ContributorStatementData {
  donor: OrganizationName;
  /** The statement's year; undefined: since inception. */
  year?: number;
  snapshotAt: string;
  /** The donor's commitments, deposits and fees in the window (undefined: none). */
  summary: DonorSummary | undefined;
  /** The donor's contributions in the window. */
  entries: ContributionView[];
  /** Every donor since inception: the pooled money the donor's share is of. */
  everyDonor: DonorSummary[];
  /** `/fund/status` since inception. */
  fund: FundStatus;
  /** `/portfolio` by thematic area (since inception). */
  byArea: PortfolioGroup[];
  /** Every programme (`/programmes`, all pages). */
  programmes: ProgrammeSummary[];
}

/**
 * Reads a contributor statement's data from the finance read models of `/contributions`,
 * `/fund/status`, `/portfolio` and `/programmes`, and the donor's name from identity.
 */
@Injectable()
export class ContributorStatementLoader {
  constructor(
    private readonly finance: FinanceReadService,
    private readonly contributions: ContributionsService,
    private readonly organizations: OrganizationNamesReader,
  ) {}

  async load(context: ComposeContext): Promise<ContributorStatementData> {
    const { manager } = context;
    const donorCode = context.parameters.donorCode as string;
    const year = context.parameters.year;
    const snapshotAt = await snapshotTime(manager);
    const donor = await this.organizations.byCode(manager, donorCode);
    if (!donor) throw new NotFoundError('Organization', donorCode);

    const [summary] = await this.contributions.donorSummary(manager, { donorCode, year });
    const entries = await this.contributions.contributions(manager, { donor: donorCode, year });
    const everyDonor = await this.contributions.donorSummary(manager, {});
    await context.progress(30);
    const fund = await this.finance.fundStatus(manager, {});
    const byArea = await this.finance.portfolio(manager, PortfolioDimension.THEMATIC_AREA);
    const programmes = await this.allProgrammes(manager);
    await context.progress(80);
    return { donor, year, snapshotAt, summary, entries, everyDonor, fund, byArea, programmes };
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
