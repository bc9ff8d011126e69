/**
 * Every audit event type the server records, in plain words: the one place the audit trail (and
 * anything else that names an event) takes them from. `tests/foundation/audit-labels.e2e-spec.ts`
 * fails when the server writes an event type that has no label here.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  // Proposals: the agency's work and the status changes of the lifecycle (`proposal.<action>`).
  'proposal.create': 'Proposal created',
  'proposal.update': 'Proposal edited',
  'proposal.document.upload': 'Document attached',
  'proposal.document.delete': 'Document deleted',
  'proposal.submit': 'Proposal submitted',
  'proposal.withdraw': 'Proposal withdrawn',
  'proposal.screen-pass': 'Screening: passed to review',
  'proposal.screen-return': 'Screening: returned to the agency',
  'proposal.screen-ineligible': 'Screening: ineligible',
  'proposal.decide-approve': 'Decision: approved',
  'proposal.decide-pipeline': 'Decision: pipelined',
  'proposal.decide-revision': 'Decision: revision requested',
  'proposal.decide-reject': 'Decision: rejected',
  'proposal.first-transfer': 'Programme started: first transfer',
  'proposal.transfers-reversed': 'Programme back to approved: its transfers reversed',
  'proposal.close-operationally': 'Programme closed operationally',
  'proposal.close-financially': 'Programme closed financially',
  // The Steering Committee.
  'decision.record': 'Steering Committee decision recorded',
  'review.conflict-declare': 'Conflict of interest declared',
  'review.submit': 'Review submitted',
  'pipeline.rank': 'Pipeline ranking changed',
  'meeting.create': 'Meeting scheduled',
  'meeting.agenda': 'Meeting agenda changed',
  // A programme's money.
  'programme.allocate': 'Allocation recorded',
  'programme.reallocate': 'Allocations moved between PUNOs',
  'programme.transfer': 'Transfer to a PUNO recorded',
  'programme.transfer-reverse': 'Transfer to a PUNO reversed',
  'programme.refund': 'Refund from a PUNO recorded',
  'programme.refund-reverse': 'Refund from a PUNO reversed',
  'programme.expenditure': 'Expenditure reported',
  'programme.expenditure-reverse': 'Expenditure report reversed',
  'programme.close-operational': 'Operational closure recorded',
  'programme.close-financial': 'Financial closure recorded',
  // The fund's money.
  'contribution.commitment': 'Commitment recorded',
  'contribution.deposit': 'Deposit recorded',
  'contribution.reverse': 'Contribution reversed',
  'fund.interest': 'Interest recorded',
  'fund.other_income': 'Other income recorded',
  'fund.direct_cost': 'Direct cost recorded',
  'fund.bank_charge': 'Bank charge recorded',
  'fund.reverse': 'Fund entry reversed',
  'agency_interest.record': 'Agency interest recorded',
  'agency_interest.reverse': 'Agency interest reversed',
  // Results.
  'results-matrix.replace': 'Results matrix saved',
  'actual.create': 'Indicator actual reported',
  'actual.update': 'Indicator actual changed',
  'actual.submit': 'Indicator actual submitted',
  'actual.approve': 'Indicator actual approved',
  'actual.return': 'Indicator actual returned',
  'fund-indicator.create': 'Fund indicator created',
  'fund-indicator.update': 'Fund indicator changed',
  // Programme work after approval.
  'progress-report.create': 'Progress report started',
  'progress-report.sections': 'Progress report written',
  'progress-report.submit': 'Progress report submitted',
  'progress-report.accept': 'Progress report accepted',
  'progress-report.return': 'Progress report returned',
  'revision.request': 'Revision requested',
  'revision.schedule': 'Revision put on a meeting’s agenda',
  'revision.approved': 'Revision: approved',
  'revision.rejected': 'Revision: rejected',
  // Reports.
  'report.request': 'Report requested',
  'report.retry': 'Report run retried',
  'report.schedule': 'Report schedule changed',
  'report-narrative.write': 'Report narrative written',
  // Administration.
  'user.create': 'User created',
  'user.deactivate': 'User deactivated',
  'settings.update': 'Fund settings changed',
  'reference.mapping.update': 'Reference mapping changed',
  'mail-bounce.clear': 'Bounced address cleared',
};

/**
 * An event type in plain words. One the list does not know (an event older than its label, or
 * written outside the application) reads as its words, never as the bare code.
 */
export function auditActionLabel(action: string): string {
  const label = AUDIT_ACTION_LABELS[action];
  if (label) return label;
  const text = action
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
