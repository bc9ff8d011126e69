import type { DecisionOutcome } from '../../api/models';

export const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  APPROVED: 'Approve and allocate',
  PIPELINE: 'Endorse into the pipeline (no funds yet)',
  REVISION_REQUESTED: 'Request a revision',
  REJECTED: 'Reject',
};
/** What the decision made of the proposal, for the badge on the pack. */
export const OUTCOME_DONE: Record<DecisionOutcome, string> = {
  APPROVED: 'approved',
  PIPELINE: 'in the pipeline',
  REVISION_REQUESTED: 'revision requested',
  REJECTED: 'rejected',
};
export const OUTCOME_COLOR: Record<string, string> = {
  APPROVED: 'teal',
  PIPELINE: 'grape',
  REVISION_REQUESTED: 'orange',
  REJECTED: 'red',
};

export const pct = (value: string | number | undefined) => Math.round(Number(value ?? 0) * 1000) / 10;
