import type { ContributionView, ProgrammeSummary } from '@mptf/finance';
import type { CsvColumn } from '@mptf/platform';
import type { ProposalView } from '@mptf/proposals';
import type { ReportRunView } from '@mptf/reporting';
import type { ActualView } from '@mptf/results';

/**
 * The columns each list's CSV export holds: what its page shows, spelled out (codes as the API
 * gives them, money as decimal strings, dates ISO), so a spreadsheet can sum and filter them.
 */
const list = (values: readonly (string | number)[]) => values.join(' ');

export const PROPOSAL_CSV: CsvColumn<ProposalView>[] = [
  { header: 'Reference', value: (p) => p.reference },
  { header: 'Title', value: (p) => p.title },
  { header: 'Status', value: (p) => p.status },
  { header: 'Stage', value: (p) => p.stage },
  { header: 'Thematic area', value: (p) => p.thematicAreaCode },
  { header: 'Convener', value: (p) => p.convenerCode },
  { header: 'PUNOs', value: (p) => list(p.participatingOrgCodes) },
  { header: 'Countries', value: (p) => list(p.countryCodes) },
  { header: 'Total budget (US$)', value: (p) => p.budget.total },
  { header: 'Submitted', value: (p) => p.submittedAt },
  { header: 'Updated', value: (p) => p.updatedAt },
];

export const PROGRAMME_CSV: CsvColumn<ProgrammeSummary>[] = [
  { header: 'Reference', value: (p) => p.reference },
  { header: 'Title', value: (p) => p.title },
  { header: 'Status', value: (p) => p.status },
  { header: 'Thematic area', value: (p) => p.thematicAreaCode },
  { header: 'Countries', value: (p) => list(p.countryCodes) },
  { header: 'PUNOs', value: (p) => list(p.organizationCodes) },
  { header: 'Start date', value: (p) => p.startDate },
  { header: 'Allocated (US$)', value: (p) => p.allocated },
  { header: 'Transferred (US$)', value: (p) => p.transferred },
  { header: 'Refunded (US$)', value: (p) => p.refunded },
  { header: 'Net funded (US$)', value: (p) => p.netFunded },
  { header: 'Expenditure (US$)', value: (p) => p.expenditure },
  { header: 'Delivery rate', value: (p) => p.deliveryRate },
];

export const CONTRIBUTION_CSV: CsvColumn<ContributionView>[] = [
  { header: 'Date', value: (c) => c.date },
  { header: 'Contributor', value: (c) => c.donorCode },
  { header: 'Contributor name', value: (c) => c.donorName },
  { header: 'Kind', value: (c) => c.kind },
  { header: 'Currency', value: (c) => c.currency },
  { header: 'Amount', value: (c) => c.amount },
  { header: 'Rate (US$ per unit)', value: (c) => c.exchangeRate },
  { header: 'US$', value: (c) => c.usdAmount },
  { header: 'AA fee (US$)', value: (c) => c.aaFee },
  { header: 'Earmark (thematic area)', value: (c) => c.earmark?.thematicAreaCode },
  { header: 'Reference', value: (c) => c.reference },
  { header: 'Reverses', value: (c) => c.reverses },
  { header: 'Reversed by', value: (c) => c.reversedBy },
];

export const ACTUAL_CSV: CsvColumn<ActualView>[] = [
  { header: 'Programme', value: (a) => a.programmeReference },
  { header: 'Indicator', value: (a) => a.indicatorKey },
  { header: 'Indicator title', value: (a) => a.indicatorTitle },
  { header: 'Period start', value: (a) => a.periodStart },
  { header: 'Period end', value: (a) => a.periodEnd },
  { header: 'Value', value: (a) => a.value },
  { header: 'Narrative', value: (a) => a.narrative },
  { header: 'Status', value: (a) => a.status },
  { header: 'Submitted', value: (a) => a.submittedAt },
  { header: 'Reviewed', value: (a) => a.reviewedAt },
];

export const REPORT_RUN_CSV: CsvColumn<ReportRunView>[] = [
  { header: 'Report', value: (r) => r.type },
  { header: 'Format', value: (r) => r.format },
  { header: 'Year', value: (r) => r.parameters.year },
  { header: 'Contributor', value: (r) => r.parameters.donorCode },
  { header: 'Trigger', value: (r) => r.trigger },
  { header: 'Status', value: (r) => r.status },
  { header: 'Progress', value: (r) => r.progress },
  { header: 'Pages', value: (r) => r.pages },
  { header: 'Bytes', value: (r) => r.bytes },
  { header: 'File', value: (r) => r.fileName },
  { header: 'Requested', value: (r) => r.createdAt },
  { header: 'Finished', value: (r) => r.finishedAt },
];
