import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports cut at 31 December show proposals as they stood then (issue 17), read from the status
 * timeline the proposals lib already keeps (proposal_status_changes: written in the statement that
 * changes the status, ProposalStatusRepository.change, and at creation).
 *
 * - Backfill: a proposal without any timeline row (written outside the lifecycle) gets its
 *   changes from the audit record (`proposal.*` events with a status), else its creation as a
 *   DRAFT at created_at and its current status at updated_at.
 * - proposal_status_as_of(proposal, as_of): the status of the latest change recorded before
 *   `as_of` (null: the proposal did not exist yet); for a proposal still without a timeline, its
 *   current status from its creation on. The proposals lib's one definition of "status as of".
 */
export class ProposalStatusAsOf1765930000000 implements MigrationInterface {
  name = 'ProposalStatusAsOf1765930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TEMPORARY TABLE untimed ON COMMIT DROP AS
        SELECT p.id FROM proposals p
         WHERE NOT EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = p.id);
      INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment, occurred_at)
        SELECT a.entity_id::uuid, a.before->>'status', a.after->>'status', u.id, a.after->>'comment', a.occurred_at
          FROM audit_events a JOIN untimed t ON t.id::text = a.entity_id
          LEFT JOIN users u ON u.id = a.actor_id
         WHERE a.entity_type = 'proposal' AND a.after ? 'status'
         ORDER BY a.occurred_at, a.id;
      INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, occurred_at)
        SELECT p.id, NULL, 'DRAFT', p.created_by, p.created_at
          FROM proposals p JOIN untimed t ON t.id = p.id
         WHERE NOT EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = p.id)
        UNION ALL
        SELECT p.id, 'DRAFT', p.status, NULL, p.updated_at
          FROM proposals p JOIN untimed t ON t.id = p.id
         WHERE p.status <> 'DRAFT'
           AND NOT EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = p.id);

      CREATE FUNCTION proposal_status_as_of(proposal uuid, as_of timestamptz) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT coalesce(
            (SELECT c.to_status FROM proposal_status_changes c
              WHERE c.proposal_id = proposal AND c.occurred_at < as_of
              ORDER BY c.occurred_at DESC, c.id DESC LIMIT 1),
            (SELECT p.status FROM proposals p
              WHERE p.id = proposal AND p.created_at < as_of
                AND NOT EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = proposal)))
        $$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    // The backfilled timeline rows stay: they describe what happened.
    await db.query(`DROP FUNCTION proposal_status_as_of(uuid, timestamptz);`);
  }
}
