import { AUDIT_ENTITY_UUID } from '@mptf/audit';
import { userNameSql } from '@mptf/identity';
import type { BindParam } from '@mptf/platform';
import { programmeWorkProposalIdSql } from '@mptf/programmes';
import { PROGRAMME_STATUSES } from '@mptf/proposals';
import { actualProposalIdSql } from '@mptf/results';

/** The proposal's id from the record of each type an event may name (alias `e`), as its owner says. */
const PROPOSAL_OF: Readonly<Record<string, string>> = {
  proposal: AUDIT_ENTITY_UUID,
  programme: AUDIT_ENTITY_UUID,
  'results-matrix': AUDIT_ENTITY_UUID,
  actual: actualProposalIdSql(AUDIT_ENTITY_UUID),
  progress_report: programmeWorkProposalIdSql('progress_report', AUDIT_ENTITY_UUID),
  programme_revision: programmeWorkProposalIdSql('programme_revision', AUDIT_ENTITY_UUID),
};

/** The name of the user who acted (alias `e`), as identity says: the trail names people, not e-mails. */
export const AUDIT_ACTOR_NAME_SQL = userNameSql('e.actor_id');

/**
 * Which proposal or programme an audit event is about, for the trail to name it (reference and
 * title) instead of an id: a JSON object, or NULL for events about other records (settings,
 * meetings, the ledger…). Events are scoped before this runs, so it names only what the reader
 * may see.
 */
export function auditSubjectSql(bind: BindParam): string {
  const cases = Object.entries(PROPOSAL_OF)
    .map(([type, proposalId]) => `WHEN ${bind(type)} THEN ${proposalId}`)
    .join(' ');
  return `(SELECT json_build_object('proposalId', p.id, 'reference', p.reference, 'title', p.title,
                                    'programme', p.status = ANY(${bind(PROGRAMME_STATUSES)}::text[]))
             FROM proposals_summary_v p WHERE p.id = (CASE e.entity_type ${cases} END))`;
}
