import { deliveryRateOrNull } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { ReportSection } from '../../document/report-document';
import { cutoffLabel, DELIVERY_NOTE, rateCell } from './annual-figures';
import { AnnualReportData } from './annual-report.data';

/** The last day a report for its cut-off counts (a closure after it is not shown). */
function cutoffDate(data: AnnualReportData): string {
  return data.currentYear ? data.snapshotAt.slice(0, 10) : `${data.cutYear}-12-31`;
}

/**
 * Annex: expenditure by programme and PUNO, as the MPTF Office's annex lists it: programme, PUNO,
 * country, thematic area, net funded amount, expenditure, delivery and the closure dates.
 */
export function expenditureByProgrammeAnnex(data: AnnualReportData): ReportSection {
  const profiles = new Map(data.programmes.map((p) => [p.id, p]));
  const closures = new Map(data.closures.map((c) => [c.programmeId, c]));
  const last = cutoffDate(data);
  const byCutoff = (date: string | null | undefined) => (date && date <= last ? date : null);
  const rows = data.punoMoney
    .filter((row) => profiles.has(row.programmeId) && parseMoney(row.allocated) !== 0n)
    .map((row) => ({ row, profile: profiles.get(row.programmeId)! }))
    .sort(
      (a, b) =>
        a.profile.reference.localeCompare(b.profile.reference) || a.row.orgCode.localeCompare(b.row.orgCode),
    );
  let net = 0n;
  let spent = 0n;
  for (const { row } of rows) {
    net += parseMoney(row.netFunded);
    spent += parseMoney(row.expenditure);
  }
  return {
    heading: 'Annex: expenditure by programme',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'table',
        title: `Expenditure by programme and participating UN organization, to ${cutoffLabel(data)} (US$)`,
        columns: [
          { key: 'programme', label: 'Programme', type: 'text', weight: 2.6 },
          { key: 'puno', label: 'PUNO', type: 'text', weight: 0.9 },
          { key: 'country', label: 'Country', type: 'text', weight: 1.1 },
          { key: 'area', label: 'TA', type: 'text', weight: 0.4 },
          { key: 'netFunded', label: 'Net funded', type: 'money', weight: 1.2 },
          { key: 'expenditure', label: 'Expenditure', type: 'money', weight: 1.2 },
          { key: 'deliveryRate', label: 'Delivery', type: 'percent', weight: 0.8 },
          { key: 'operational', label: 'Operational closure', type: 'text', weight: 1 },
          { key: 'financial', label: 'Financial closure', type: 'text', weight: 1 },
        ],
        rows: rows.map(({ row, profile }) => ({
          programme: `${profile.reference} ${profile.title}`,
          puno: row.orgCode,
          country: profile.countries.length ? profile.countries.map((c) => c.code).join(', ') : 'Global',
          area: String(profile.thematicArea.code),
          netFunded: row.netFunded,
          expenditure: row.expenditure,
          deliveryRate: rateCell(row.deliveryRate),
          operational: byCutoff(closures.get(row.programmeId)?.operational),
          financial: byCutoff(closures.get(row.programmeId)?.financial),
        })),
        totals: {
          programme: 'Total',
          puno: null,
          country: null,
          area: null,
          netFunded: formatMoney(net),
          expenditure: formatMoney(spent),
          deliveryRate: rateCell(deliveryRateOrNull(spent, net)),
          operational: null,
          financial: null,
        },
        note: `${DELIVERY_NOTE} TA: thematic area. Closure dates are those on or before the report's cut-off.`,
        dense: true,
      },
    ],
  };
}
