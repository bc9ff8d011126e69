import { Injectable } from '@nestjs/common';
import { ContributionsService, ContributionView, DonorPledges } from '@mptf/finance';
import { OrganizationName, OrganizationNamesReader } from '@mptf/identity';
import { NotFoundError } from '@mptf/platform';
import { snapshotTime } from '../snapshot.sql';
import { ComposeContext } from '../report-composer';
import { StatementFundData, StatementFundLoader } from './contributor-fund.data';

/** Everything one donor's statement shows, read in the run's one snapshot. */
export interface ContributorStatementData {
  donor: OrganizationName;
  /** The statement's year; undefined: since inception (to the as-of date). */
  year?: number;
  snapshotAt: string;
  /** The donor's pledges and deposits to the cut-off (undefined: none). */
  pledges: DonorPledges | undefined;
  /** The donor's contributions in the year (every one to the cut-off without a year). */
  entries: ContributionView[];
  /** The fund-level part, the same for every donor (see StatementFundLoader). */
  fund: StatementFundData;
}

/**
 * Reads a contributor statement: the donor's own contributions and pledges, and the fund-level
 * part from StatementFundLoader (one separate read, shareable between statements).
 */
@Injectable()
export class ContributorStatementLoader {
  constructor(
    private readonly fundLoader: StatementFundLoader,
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
    const snapshotYear = Number(snapshotAt.slice(0, 4));
    const cutYear = year ?? snapshotYear;

    const entries = (await this.contributions.contributions(manager, { donor: donorCode, year })).filter(
      (c) => Number(c.date.slice(0, 4)) <= cutYear,
    );
    await context.progress(30);
    const fund = await this.fundLoader.loadFor(context, { cutYear, currentYear: cutYear >= snapshotYear });
    const pledges = fund.pledges.donors.find((d) => d.donorCode === donor.code);
    await context.progress(80);
    return { donor, year, snapshotAt, pledges, entries, fund };
  }
}
