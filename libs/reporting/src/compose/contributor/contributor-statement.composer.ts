import { Injectable } from '@nestjs/common';
import { formatMoney } from '@mptf/platform';
import { ReportType } from '../../runs/report-types';
import { asOfLabel, periodLabel, reportingPeriodLabel } from '../compose-helpers';
import { buildSections, ComposeContext, ComposedReport, ReportComposer } from '../report-composer';
import { ContributorStatementLoader } from './contributor-statement.data';
import { CONTRIBUTOR_STATEMENT_SECTIONS, poolShare } from './contributor-statement.sections';

/**
 * CONTRIBUTOR_STATEMENT: one donor's commitments, deposits (original currency, rate, US$) and AA
 * fees, for a year or since inception, and what the fund did with the pooled money (transfers by
 * thematic area and programme, expenditure, balances) with the donor's pro-rata share. Reads the
 * finance read models of `/contributions`, `/fund/status`, `/portfolio` and `/programmes`.
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
          {
            label: 'Share of pooled contributions',
            value: `${(Number(share) * 100).toFixed(2)} % (since inception)`,
          },
          { label: 'Data as of', value: asOfLabel(data.snapshotAt) },
        ],
        sections: buildSections(data, CONTRIBUTOR_STATEMENT_SECTIONS),
      },
      snapshotAt: data.snapshotAt,
      rowCounts: {
        contributions: data.entries.length,
        donors: data.everyDonor.length,
        programmes: data.programmes.length,
      },
      inputs: {
        donorCode: donor.code,
        year: year ?? null,
        share,
        shareRule: 'donor deposits net of AA fees ÷ all deposits net of AA fees, since inception',
        ownNetDeposits: formatMoney(ownNet),
        allNetDeposits: formatMoney(allNet),
      },
      omittedSections: [],
      fileStem: `contributor-statement-${donor.code}${year === undefined ? '' : `-${year}`}`,
    };
  }
}
