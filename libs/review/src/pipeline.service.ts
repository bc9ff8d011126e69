import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import { AvailableFundsService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import { ErrorDetail, ForbiddenError, formatMoney, RuleViolationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { checkPipelineOrder, nextRank } from './decision-rules';
import { PipelineRepository } from './repositories/pipeline.repository';

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
  /** Funds available for allocation to its thematic area now (finance's one definition), US$. */
  availableForArea: string;
  /** Its total fits those funds on its own (ranks above it are not deducted). */
  fitsAvailableFunds: boolean;
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
    private readonly repository: PipelineRepository,
    private readonly audit: AuditService,
    private readonly available: AvailableFundsService,
  ) {}

  async list(manager: EntityManager = this.dataSource.manager): Promise<PipelineItem[]> {
    const rows = await this.repository.list(manager);
    const available = await this.available.of(manager);
    return rows.map((row, index) => {
      const forArea = available.byThematicArea.get(row.thematicAreaCode) ?? available.total;
      return {
        rank: index + 1,
        proposalId: row.id,
        reference: row.reference,
        title: row.title,
        thematicAreaCode: row.thematicAreaCode,
        total: formatMoney(row.total),
        endorsedAt: row.endorsedAt ? new Date(row.endorsedAt).toISOString() : null,
        availableForArea: formatMoney(forArea),
        fitsAvailableFunds: BigInt(row.total) <= forArea,
      };
    });
  }

  /** Re-ranks the pipeline: `proposalIds` must be exactly the proposals in it (422 otherwise). */
  async rank(user: AuthUser, proposalIds: string[]): Promise<PipelineItem[]> {
    if (!can(user, Permission.PIPELINE_MANAGE)) throw new ForbiddenError('Only the FMU ranks the pipeline');
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lock(manager);
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
      await this.repository.replace(manager, proposalIds);
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
    await this.repository.lock(manager);
    const rank = nextRank(await this.repository.ranks(manager));
    await this.repository.setRank(manager, proposalId, rank);
    return rank;
  }

  /** Takes a proposal out of the pipeline (approved or rejected) and closes the gap in the ranks. */
  async remove(manager: EntityManager, proposalId: string): Promise<void> {
    await this.repository.lock(manager);
    await this.repository.remove(manager, proposalId);
  }
}
