import { Injectable } from '@nestjs/common';
import {
  ContributionsService,
  ContributionView,
  DonorSummary,
  FundStatus,
  PortfolioGroup,
  ProgrammeSummary,
} from '@mptf/finance';
import { OrganizationName, OrganizationNamesReader } from '@mptf/identity';
import { NotFoundError } from '@mptf/platform';
import { snapshotTime } from '../compose-helpers';
import { ComposeContext } from '../report-composer';
import { ContributorFundLoader } from './contributor-fund.data';

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
 * Reads a contributor statement's data: the donor's own part here, from `/contributions` and
 * identity, and the fund-level part (the same for every donor) from `ContributorFundLoader`.
 */
@Injectable()
export class ContributorStatementLoader {
  constructor(
    private readonly contributions: ContributionsService,
    private readonly organizations: OrganizationNamesReader,
    private readonly fundPart: ContributorFundLoader,
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
    await context.progress(30);
    const { everyDonor, fund, byArea, programmes } = await this.fundPart.load(context);
    await context.progress(80);
    return { donor, year, snapshotAt, summary, entries, everyDonor, fund, byArea, programmes };
  }
}
