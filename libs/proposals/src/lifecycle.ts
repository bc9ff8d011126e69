import { InvalidStateError } from '@mptf/platform';

/** The proposal lifecycle of domain.md; programmes are proposals from APPROVED on. */
export enum ProposalStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  RETURNED = 'RETURNED',
  INELIGIBLE = 'INELIGIBLE',
  REVISION_REQUESTED = 'REVISION_REQUESTED',
  APPROVED = 'APPROVED',
  PIPELINE = 'PIPELINE',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  ACTIVE = 'ACTIVE',
  OPERATIONALLY_CLOSED = 'OPERATIONALLY_CLOSED',
  FINANCIALLY_CLOSED = 'FINANCIALLY_CLOSED',
}

export enum ProposalAction {
  SUBMIT = 'submit',
  WITHDRAW = 'withdraw',
  SCREEN_PASS = 'screen-pass',
  SCREEN_RETURN = 'screen-return',
  SCREEN_INELIGIBLE = 'screen-ineligible',
  DECIDE_APPROVE = 'decide-approve',
  DECIDE_PIPELINE = 'decide-pipeline',
  DECIDE_REVISION = 'decide-revision',
  DECIDE_REJECT = 'decide-reject',
  FIRST_TRANSFER = 'first-transfer',
  /** Every transfer of an ACTIVE programme was reversed: it never started. */
  TRANSFERS_REVERSED = 'transfers-reversed',
  CLOSE_OPERATIONALLY = 'close-operationally',
  CLOSE_FINANCIALLY = 'close-financially',
}

const S = ProposalStatus;
const A = ProposalAction;

/** Statuses before any SC decision: editing, withdrawing and screening happen here. */
const PRE_DECISION = [S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.REVISION_REQUESTED];

/** from-states → to-state, per action. Anything not listed is an illegal transition (409). */
const TRANSITIONS: Record<ProposalAction, { from: ProposalStatus[]; to: ProposalStatus }> = {
  [A.SUBMIT]: { from: [S.DRAFT, S.RETURNED, S.REVISION_REQUESTED], to: S.SUBMITTED },
  [A.WITHDRAW]: { from: PRE_DECISION, to: S.WITHDRAWN },
  [A.SCREEN_PASS]: { from: [S.SUBMITTED], to: S.UNDER_REVIEW },
  [A.SCREEN_RETURN]: { from: [S.SUBMITTED], to: S.RETURNED },
  [A.SCREEN_INELIGIBLE]: { from: [S.SUBMITTED], to: S.INELIGIBLE },
  [A.DECIDE_APPROVE]: { from: [S.UNDER_REVIEW, S.PIPELINE], to: S.APPROVED },
  [A.DECIDE_PIPELINE]: { from: [S.UNDER_REVIEW], to: S.PIPELINE },
  [A.DECIDE_REVISION]: { from: [S.UNDER_REVIEW], to: S.REVISION_REQUESTED },
  [A.DECIDE_REJECT]: { from: [S.UNDER_REVIEW, S.PIPELINE], to: S.REJECTED },
  [A.FIRST_TRANSFER]: { from: [S.APPROVED], to: S.ACTIVE },
  [A.TRANSFERS_REVERSED]: { from: [S.ACTIVE], to: S.APPROVED },
  [A.CLOSE_OPERATIONALLY]: { from: [S.ACTIVE], to: S.OPERATIONALLY_CLOSED },
  [A.CLOSE_FINANCIALLY]: { from: [S.OPERATIONALLY_CLOSED], to: S.FINANCIALLY_CLOSED },
};

/** Agencies may edit only while the proposal is with them. */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = [S.DRAFT, S.RETURNED, S.REVISION_REQUESTED];

/** Approved proposals are programmes: money can flow to them. */
export const PROGRAMME_STATUSES: readonly ProposalStatus[] = [
  S.APPROVED,
  S.ACTIVE,
  S.OPERATIONALLY_CLOSED,
  S.FINANCIALLY_CLOSED,
];

export function canTransition(from: ProposalStatus, action: ProposalAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The next status, or an InvalidStateError (409) naming the current one. */
export function transition(from: ProposalStatus, action: ProposalAction): ProposalStatus {
  if (!canTransition(from, action)) throw new InvalidStateError('proposal', from, action.replace(/-/g, ' '));
  return TRANSITIONS[action].to;
}

export function isEditable(status: ProposalStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}
