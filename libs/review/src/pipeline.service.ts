import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import { ErrorDetail, ForbiddenError, formatMoney, RuleViolationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { checkPipelineOrder, nextRank } from './decision-rules';
import { PROPOSAL_TOTAL_SQL } from './review-records';

export interface PipelineItem {
  rank: number;
  proposalId: string;
  reference: string;
  title: string;
  thematicAreaCode: number;
  /** Requested budget total, US$. */
  total: string;
  /** When the Steering Committee placed it in the pipeline (null if not recorded as a decision). */
  endorsedAt: string | null;
}

/**
 * The pipeline: proposals the Steering Committee endorsed (status PIPELINE) waiting for money, in
 * rank order. New entries go to the end; approving or rejecting one removes it; the FMU re-ranks.
 * Mutations take one transaction-scoped advisory lock, so concurrent decisions keep ranks dense.
 */
@Injectable()
export class PipelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(manager: EntityManager = this.dataSource.manager): Promise<PipelineItem[]> {
    const rows = (await manager.query(
      `SELECT p.id, p.reference, p.title, p.thematic_area_code, ${PROPOSAL_TOTAL_SQL}::text AS total,
              (SELECT max(d.decided_at) FROM sc_decisions d WHERE d.proposal_id = p.id AND d.outcome = 'PIPELINE') AS endorsed_at
         FROM proposals p LEFT JOIN pipeline_ranks pr ON pr.proposal_id = p.id
        WHERE p.status = 'PIPELINE'
        ORDER BY pr.rank NULLS LAST, endorsed_at NULLS LAST, p.reference`,
    )) as {
      id: string;
      reference: string;
      title: string;
      thematic_area_code: number;
      total: string;
      endorsed_at: Date | null;
    }[];
    return rows.map((row, index) => ({
      rank: index + 1,
      proposalId: row.id,
      reference: row.reference,
      title: row.title,
      thematicAreaCode: row.thematic_area_code,
      total: formatMoney(row.total),
      endorsedAt: row.endorsed_at ? new Date(row.endorsed_at).toISOString() : null,
    }));
  }

  /** Re-ranks the pipeline: `proposalIds` must be exactly the proposals in it (422 otherwise). */
  async rank(user: AuthUser, proposalIds: string[]): Promise<PipelineItem[]> {
    if (!hasRole(user, Role.FMU_OFFICER)) throw new ForbiddenError('Only the FMU ranks the pipeline');
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager);
      const before = await this.list(manager);
      const problems = checkPipelineOrder(
        proposalIds,
        before.map((item) => item.proposalId),
      );
      if (problems.length)
        throw new RuleViolationError(
          'The ranking must list every pipeline proposal exactly once',
          problems as ErrorDetail[],
        );
      await manager.query('DELETE FROM pipeline_ranks');
      await manager.query(
        `INSERT INTO pipeline_ranks (proposal_id, rank) SELECT id, n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [proposalIds],
      );
      const after = await this.list(manager);
      await this.audit.record(manager, {
        actor: user,
        action: 'pipeline.rank',
        entityType: 'pipeline',
        entityId: 'fund',
        before: { order: before.map((item) => item.reference) },
        after: { order: after.map((item) => item.reference) },
      });
      return after;
    });
  }

  /** Puts a proposal at the end of the pipeline (inside the decision's transaction). */
  async add(manager: EntityManager, proposalId: string): Promise<number> {
    await this.lock(manager);
    const rows = (await manager.query('SELECT rank FROM pipeline_ranks')) as { rank: number }[];
    const rank = nextRank(rows.map((row) => row.rank));
    await manager.query(
      `INSERT INTO pipeline_ranks (proposal_id, rank) VALUES ($1, $2)
       ON CONFLICT (proposal_id) DO UPDATE SET rank = EXCLUDED.rank, added_at = now()`,
      [proposalId, rank],
    );
    return rank;
  }

  /** Takes a proposal out of the pipeline (approved or rejected) and closes the gap in the ranks. */
  async remove(manager: EntityManager, proposalId: string): Promise<void> {
    await this.lock(manager);
    await manager.query('DELETE FROM pipeline_ranks WHERE proposal_id = $1', [proposalId]);
    await manager.query(
      `UPDATE pipeline_ranks pr SET rank = r.n
         FROM (SELECT proposal_id, row_number() OVER (ORDER BY rank) AS n FROM pipeline_ranks) r
        WHERE r.proposal_id = pr.proposal_id AND pr.rank <> r.n`,
    );
  }

  private async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('mptf.pipeline'))`);
  }
}
