import { Injectable } from '@nestjs/common';
import { selectEntities, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import type { StatusChangeWrite } from './proposal-status.repository';
import { EntityManager } from 'typeorm';
import { ProposalDocument } from '../entities/proposal-document.entity';
import { ProposalRevision } from '../entities/proposal-revision.entity';
import { ProposalSnapshot } from '../proposal.view';

export interface RevisionRow {
  version: number;
  submittedAt: Date;
  submittedBy: string;
  /** The author's name (null if the user is gone). */
  authorName: string | null;
}

/** A proposal's submitted revisions (immutable snapshots) and its attached documents. */
@Injectable()
export class ProposalRevisionRepository {
  /**
   * Stores revision `version` and returns every revision's number and time, in one statement
   * (the outer SELECT does not see the row the same statement inserts, hence the union).
   */
  add(
    db: SqlRunner,
    revision: {
      proposalId: string;
      version: number;
      snapshot: ProposalSnapshot;
      submittedAt: Date;
      submittedBy: string;
    },
  ): Promise<{ version: number; submittedAt: Date }[]> {
    return sqlRows(
      db,
      `WITH revision AS (
         INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_at, submitted_by)
         VALUES ($1, $2, $3::jsonb, $4, $5)
         RETURNING version, submitted_at
       )
       SELECT version, submitted_at AS "submittedAt" FROM proposal_revisions WHERE proposal_id = $1
       UNION ALL SELECT version, submitted_at FROM revision
       ORDER BY version`,
      [
        revision.proposalId,
        revision.version,
        JSON.stringify(revision.snapshot),
        revision.submittedAt,
        revision.submittedBy,
      ],
    );
  }

  /**
   * `add` as a write of the status change that submits it (ProposalStatusService.apply's
   * `alongside`): the revision is stored by the change's statement, whose `written` is every
   * revision's number and time, oldest first (read back with `writtenVersions`).
   */
  addAlongside(revision: {
    proposalId: string;
    version: number;
    snapshot: ProposalSnapshot;
    submittedAt: Date;
    submittedBy: string;
  }): StatusChangeWrite {
    return (param) => {
      const id = param(revision.proposalId);
      return {
        cte: `INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_at, submitted_by)
              VALUES (${id}, ${param(revision.version)}, ${param(JSON.stringify(revision.snapshot))}::jsonb,
                      ${param(revision.submittedAt)}, ${param(revision.submittedBy)})
              RETURNING version, submitted_at`,
        // The statement does not see the row it inserts in the table, hence the union.
        result: `(SELECT json_agg(json_build_object('version', r.version, 'submittedAt', r.submitted_at) ORDER BY r.version)
                    FROM (SELECT version, submitted_at FROM proposal_revisions WHERE proposal_id = ${id}
                          UNION ALL SELECT version, submitted_at FROM alongside) r)`,
      };
    };
  }

  /** Every revision's number and time, oldest first. */
  versions(db: SqlRunner, proposalId: string): Promise<{ version: number; submittedAt: Date }[]> {
    return sqlRows(
      db,
      `SELECT version, submitted_at AS "submittedAt" FROM proposal_revisions WHERE proposal_id = $1 ORDER BY version`,
      [proposalId],
    );
  }

  /** Every revision with its author, oldest first. */
  summaries(db: SqlRunner, proposalId: string): Promise<RevisionRow[]> {
    return sqlRows<RevisionRow>(
      db,
      `SELECT r.version, r.submitted_at AS "submittedAt", r.submitted_by AS "submittedBy", u.name AS "authorName"
         FROM proposal_revisions r LEFT JOIN identity_users_v u ON u.id = r.submitted_by
        WHERE r.proposal_id = $1 ORDER BY r.version`,
      [proposalId],
    );
  }

  /** One revision with its snapshot and author, or null. */
  one(
    db: SqlRunner,
    proposalId: string,
    version: number,
  ): Promise<(RevisionRow & { snapshot: ProposalSnapshot }) | null> {
    return sqlRow(
      db,
      `SELECT r.version, r.submitted_at AS "submittedAt", r.submitted_by AS "submittedBy", u.name AS "authorName",
              r.snapshot
         FROM proposal_revisions r LEFT JOIN identity_users_v u ON u.id = r.submitted_by
        WHERE r.proposal_id = $1 AND r.version = $2`,
      [proposalId, version],
    );
  }

  /** The snapshots of the named revisions (those that exist). */
  snapshots(manager: EntityManager, proposalId: string, versions: number[]): Promise<ProposalRevision[]> {
    return selectEntities(manager, ProposalRevision, 'proposal_id = $1 AND version = ANY($2::int[])', [
      proposalId,
      versions,
    ]);
  }

  /** The documents attached to the proposal, oldest first. */
  documents(manager: EntityManager, proposalId: string): Promise<ProposalDocument[]> {
    return selectEntities(manager, ProposalDocument, 'proposal_id = $1', [proposalId], 'uploaded_at, id');
  }
}

/** The revisions `addAlongside`'s write returned, as `add` returns them. */
export function writtenVersions(written: unknown): { version: number; submittedAt: Date }[] {
  return ((written ?? []) as { version: number; submittedAt: string }[]).map((r) => ({
    version: Number(r.version),
    submittedAt: new Date(r.submittedAt),
  }));
}
