import { Injectable } from '@nestjs/common';
import { formatMoney } from '@mptf/platform';
import { ReportType } from '../../runs/report-types';
import { asOfLabel, periodLabel, reportingPeriodLabel } from '../compose-helpers';
import { buildSections, ComposeContext, ComposedReport, ReportComposer } from '../report-composer';
import { ContributorStatementLoader } from './contributor-statement.data';
import { CONTRIBUTOR_STATEMENT_SECTIONS, poolShare, statementCutoff } from './contributor-statement.sections';

/**
 * CONTRIBUTOR_STATEMENT: one donor's pledges (in the pledge's currency and in US$ at a stated
 * rate), deposits and AA fees, for a year or since inception, and what the fund did with the
 * pooled money (sources and uses, net funded by thematic area and programme) with the donor's
 * share, every figure cut at 31 December of the year (the as-of date in the current year).
 */
@Injectable()
export class ContributorStatementComposer implements ReportComposer {
  readonly type = ReportType.CONTRIBUTOR_STATEMENT;

  constructor(private readonly loader: ContributorStatementLoader) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const data = await this.loader.load(context);
    const { donor, year } = data;
    const { ownNet, allNet, share } = poolShare(data);
    return {
      document: {
        title: 'Contributor statement',
        subtitle: `${donor.name} (${donor.code}) · ${periodLabel(year)}`,
        subject: `Contributor statement of ${donor.name} to the Migration MPTF`,
        keywords: [
          'Migration MPTF',
          'contributor statement',
          donor.code,
          ...(year === undefined ? [] : [String(year)]),
        ],
        metadata: [
          { label: 'Contributor', value: `${donor.name} (${donor.code})` },
          { label: 'Period', value: reportingPeriodLabel(year) },
          { label: 'Figures cut at', value: statementCutoff(data) },
          {
            label: 'Share of pooled contributions',
            value: `${(Number(share) * 100).toFixed(2)} % (at ${statementCutoff(data)})`,
          },
          { label: 'Data as of', value: asOfLabel(data.snapshotAt) },
        ],
        sections: buildSections(data, CONTRIBUTOR_STATEMENT_SECTIONS),
      },
      snapshotAt: data.snapshotAt,
      rowCounts: {
        contributions: data.entries.length,
        donors: data.fund.pledges.donors.length,
        programmes: data.fund.programmes.length,
      },
      inputs: {
        donorCode: donor.code,
        year: year ?? null,
        share,
        cutYear: data.fund.cutYear,
        shareRule:
          'donor deposits net of AA fees ÷ all deposits net of AA fees, to the cut-off; lines apportioned by largest remainder',
        ownNetDeposits: formatMoney(ownNet),
        allNetDeposits: formatMoney(allNet),
      },
      omittedSections: [],
      fileStem: `contributor-statement-${donor.code}${year === undefined ? '' : `-${year}`}`,
    };
  }
}
