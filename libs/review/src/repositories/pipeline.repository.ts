import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { DecisionOutcome } from '../decision-rules';

export interface PipelineRow {
  id: string;
  reference: string;
  title: string;
  thematicAreaCode: number;
  total: string;
  endorsedAt: Date | null;
}

/** The rank of endorsed-but-unfunded proposals (pipeline_ranks). */
@Injectable()
export class PipelineRepository {
  /** Proposals in PIPELINE: ranked first, then by when they were endorsed, then by reference. */
  list(db: SqlRunner): Promise<PipelineRow[]> {
    return sqlRows<PipelineRow>(
      db,
      `SELECT p.id, p.reference, p.title, p.thematic_area_code AS "thematicAreaCode", p.requested_total::text AS total,
              (SELECT max(d.decided_at) FROM sc_decisions d
                WHERE d.proposal_id = p.id AND d.outcome = $1) AS "endorsedAt"
         FROM proposals_summary_v p LEFT JOIN pipeline_ranks pr ON pr.proposal_id = p.id
        WHERE p.status = $2
        ORDER BY pr.rank NULLS LAST, "endorsedAt" NULLS LAST, p.reference`,
      [DecisionOutcome.PIPELINE, ProposalStatus.PIPELINE],
    );
  }

  /** One transaction-scoped advisory lock for every change of the ranks, so they stay dense. */
  async lock(db: SqlRunner): Promise<void> {
    await sqlRows(db, `SELECT pg_advisory_xact_lock(hashtext('mptf.pipeline'))`);
  }

  /** Ranks 1…n in the order given, replacing every rank. */
  async replace(db: SqlRunner, proposalIds: string[]): Promise<void> {
    await sqlRows(db, 'DELETE FROM pipeline_ranks');
    await sqlRows(
      db,
      'INSERT INTO pipeline_ranks (proposal_id, rank) SELECT id, n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)',
      [proposalIds],
    );
  }

  async ranks(db: SqlRunner): Promise<number[]> {
    const rows = await sqlRows<{ rank: number }>(db, 'SELECT rank FROM pipeline_ranks');
    return rows.map((row) => row.rank);
  }

  async setRank(db: SqlRunner, proposalId: string, rank: number): Promise<void> {
    await sqlRows(
      db,
      `INSERT INTO pipeline_ranks (proposal_id, rank) VALUES ($1, $2)
       ON CONFLICT (proposal_id) DO UPDATE SET rank = EXCLUDED.rank, added_at = now()`,
      [proposalId, rank],
    );
  }

  /** Takes a proposal out and closes the gap in the ranks. */
  async remove(db: SqlRunner, proposalId: string): Promise<void> {
    await sqlRows(db, 'DELETE FROM pipeline_ranks WHERE proposal_id = $1', [proposalId]);
    await sqlRows(
      db,
      `UPDATE pipeline_ranks pr SET rank = r.n
         FROM (SELECT proposal_id, row_number() OVER (ORDER BY rank) AS n FROM pipeline_ranks) r
        WHERE r.proposal_id = pr.proposal_id AND pr.rank <> r.n`,
    );
  }
}
