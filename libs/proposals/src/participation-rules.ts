import { ErrorDetail } from '@mptf/platform';

/** Who takes part in a proposal: the convening agency and the PUNOs, by organization code. */
export interface Participation {
  convenerCode: string;
  participatingOrgCodes: readonly string[];
}

export enum ParticipationRule {
  /** Only the convening agency's focal points change the convener or remove a PUNO. */
  CONVENER_ONLY = 'CONVENER_ONLY',
  /** The editor's organization stays in the proposal (convener or PUNO): no one locks themselves out. */
  KEEP_OWN_ACCESS = 'KEEP_OWN_ACCESS',
}

/**
 * What an edit (or, with `before` null, a creation) by a focal point of `editorOrgCode` may do to
 * who takes part, every violation listed (403):
 * - only the convener changes the convener or removes a PUNO; any PUNO may add PUNOs or reorder
 *   them (a handover is the convener's decision, never a PUNO's takeover);
 * - the editor's own organization stays the convener or a PUNO, so no edit removes the editor's
 *   access as a side effect: handing the proposal over entirely is not an edit.
 */
export function participationViolations(
  editorOrgCode: string | null,
  before: Participation | null,
  after: Participation,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const editor = editorOrgCode ?? '(none)';
  if (before && editorOrgCode !== before.convenerCode) {
    if (after.convenerCode !== before.convenerCode)
      problems.push({
        field: 'convenerCode',
        rule: ParticipationRule.CONVENER_ONLY,
        message: `only focal points of the convening agency (${before.convenerCode}) change the convener`,
      });
    const kept = new Set(after.participatingOrgCodes);
    const removed = [...new Set(before.participatingOrgCodes)].filter((code) => !kept.has(code));
    if (removed.length)
      problems.push({
        field: 'participatingOrgCodes',
        rule: ParticipationRule.CONVENER_ONLY,
        message: `only focal points of the convening agency (${before.convenerCode}) remove a participating organization (${removed.join(', ')})`,
        removed,
      });
  }
  if (![after.convenerCode, ...after.participatingOrgCodes].includes(editor))
    problems.push({
      field: 'participatingOrgCodes',
      rule: ParticipationRule.KEEP_OWN_ACCESS,
      message: `your organization (${editor}) must ${before ? 'stay' : 'be'} the convener or a participating organization of the proposal`,
    });
  return problems;
}
