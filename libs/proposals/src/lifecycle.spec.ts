import { InvalidStateError } from '@mptf/platform';
import { canTransition, isEditable, ProposalAction as A, ProposalStatus as S, transition } from './lifecycle';

describe('proposal lifecycle', () => {
  it('follows the happy path from draft to financial closure', () => {
    let status = S.DRAFT;
    for (const action of [
      A.SUBMIT,
      A.SCREEN_PASS,
      A.DECIDE_APPROVE,
      A.FIRST_TRANSFER,
      A.CLOSE_OPERATIONALLY,
      A.CLOSE_FINANCIALLY,
    ]) {
      status = transition(status, action);
    }
    expect(status).toBe(S.FINANCIALLY_CLOSED);
  });

  it('lets returned and revision-requested proposals be edited and resubmitted', () => {
    expect(transition(transition(S.SUBMITTED, A.SCREEN_RETURN), A.SUBMIT)).toBe(S.SUBMITTED);
    expect(transition(transition(S.UNDER_REVIEW, A.DECIDE_REVISION), A.SUBMIT)).toBe(S.SUBMITTED);
    expect([S.DRAFT, S.RETURNED, S.REVISION_REQUESTED].every(isEditable)).toBe(true);
    expect([S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.WITHDRAWN].some(isEditable)).toBe(false);
  });

  it('allows withdrawal only before a decision', () => {
    expect(canTransition(S.UNDER_REVIEW, A.WITHDRAW)).toBe(true);
    expect(canTransition(S.APPROVED, A.WITHDRAW)).toBe(false);
    expect(canTransition(S.REJECTED, A.WITHDRAW)).toBe(false);
  });

  it('approves pipeline proposals later', () => {
    expect(transition(transition(S.UNDER_REVIEW, A.DECIDE_PIPELINE), A.DECIDE_APPROVE)).toBe(S.APPROVED);
  });

  it('returns an active programme to approved only when its transfers are all reversed', () => {
    expect(transition(S.ACTIVE, A.TRANSFERS_REVERSED)).toBe(S.APPROVED);
    expect(canTransition(S.OPERATIONALLY_CLOSED, A.TRANSFERS_REVERSED)).toBe(false);
    expect(canTransition(S.APPROVED, A.TRANSFERS_REVERSED)).toBe(false);
  });

  it('refuses an illegal transition naming the current state', () => {
    expect(() => transition(S.DRAFT, A.DECIDE_APPROVE)).toThrow(InvalidStateError);
    expect(() => transition(S.INELIGIBLE, A.SUBMIT)).toThrow(/INELIGIBLE/);
  });
});
