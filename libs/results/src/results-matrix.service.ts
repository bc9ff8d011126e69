import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ErrorDetail,
  RuleViolationError,
  SqlRunner,
  ValidationError,
} from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { FundIndicatorRepository } from './fund-indicator.repository';
import { matrixRuleViolations, parseMatrixShape } from './matrix-validation';
import { buildMatrixView, MatrixView } from './matrix-view';
import { MatrixRepository, StandingCountsRow } from './matrix.repository';
import { REPORTING_GRACE_DAYS } from './actual-rules';
import { ProposalAccessRepository } from './proposal-access.repository';
import { assertMatrixEditable, canSeeActual, loadProposalAccess, ProposalAccess } from './results-access';
import { ActualStatus, defaultAggregation, IndicatorMeasure, MatrixInput, ResultType } from './results.types';

/** One result of a revised matrix shape (a programme version): results and indicators by key and title. */
export interface RevisedResult {
  key: string;
  type: 'OUTCOME' | 'OUTPUT';
  title: string;
  parentKey: string | null;
  indicators: { key: string; title: string }[];
}

/** A programme's results matrix: read with ids and progress, replaced as a whole. */
@Injectable()
export class ResultsMatrixService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly matrices: MatrixRepository,
    private readonly fundIndicators: FundIndicatorRepository,
    private readonly proposals: ProposalAccessRepository,
  ) {}

  /** The matrix with ids and progress, for a user who may see the proposal. */
  async get(user: AuthUser, proposalId: string, manager?: EntityManager): Promise<MatrixView> {
    const db = manager ?? this.dataSource.manager;
    const proposal = await loadProposalAccess(this.proposals, db, user, proposalId);
    return this.build(db, proposal, (status) => canSeeActual(user, status));
  }

  /**
   * The matrix without a user check, for other modules (reporting, revisions snapshots) that
   * have already decided who may see it. Pass the manager of a REPEATABLE READ transaction to
   * read it in the same snapshot as the rest of a report.
   */
  async read(proposalId: string, manager?: EntityManager): Promise<MatrixView> {
    const db = manager ?? this.dataSource.manager;
    return this.build(db, await loadProposalAccess(this.proposals, db, null, proposalId));
  }

  /**
   * Replaces the whole matrix. Results and indicators are matched by key, so their ids (and the
   * actuals reported against them) survive; removing an indicator, or a period, that has an
   * approved actual is refused (409). Unapproved actuals of removed indicators or periods go
   * with them (counted in the audit event).
   */
  async replace(user: AuthUser, proposalId: string, body: unknown): Promise<MatrixView> {
    const shape = parseMatrixShape(body);
    if (!shape.ok) {
      throw new ValidationError(
        shape.details.map((d) => `${d.field} ${d.message}`).join('; '),
        shape.details,
      );
    }
    const matrix = shape.matrix;
    return this.dataSource.transaction(async (manager) => {
      const proposal = await loadProposalAccess(
        this.proposals,
        manager,
        user,
        proposalId,
        'FOR NO KEY UPDATE',
      );
      assertMatrixEditable(user, proposal);
      const violations = matrixRuleViolations(matrix, {
        window: proposal.window,
        fundIndicators: await this.fundIndicators.active(manager),
      });
      if (violations.length) {
        throw new RuleViolationError(
          `The results matrix breaks ${violations.length} rule${violations.length > 1 ? 's' : ''}`,
          violations,
        );
      }
      const before = await this.matrices.summary(manager, proposalId);
      await this.assertApprovedActualsKept(manager, proposalId, matrix);
      const deletedActuals = await this.apply(manager, proposalId, matrix);
      const after = await this.matrices.summary(manager, proposalId);
      await this.audit.record(manager, {
        actor: user,
        action: 'results-matrix.replace',
        entityType: 'results-matrix',
        entityId: proposalId,
        before,
        after: { ...after, deletedActuals },
      });
      return this.build(manager, proposal, (status) => canSeeActual(user, status));
    });
  }

  /**
   * Puts a revised shape of the matrix in force (an approved programme revision, in its
   * transaction): results upserted by key, existing indicators moved and renamed with their
   * targets and actuals kept, new indicators added as qualitative ones without targets (baseline
   * year `baselineYear`), and what the shape leaves out removed. Removing an indicator with an
   * approved actual is refused (409). The shapes in force before stay in the programme's versions.
   */
  async applyRevisedShape(
    manager: EntityManager,
    proposalId: string,
    shape: RevisedResult[],
    baselineYear: number,
  ): Promise<{ added: string[]; removed: string[]; deletedActuals: number }> {
    const before = await this.matrices.summary(manager, proposalId);
    const kept = new Set(shape.flatMap((r) => r.indicators.map((i) => i.key)));
    const lost = [
      ...new Set(
        (await this.matrices.approvedPeriods(manager, proposalId))
          .map((a) => a.key)
          .filter((k) => !kept.has(k)),
      ),
    ];
    if (lost.length)
      throw new ConflictError(
        `The revision removes indicators with approved actuals: ${lost.join(', ')}`,
        lost.map((key) => ({
          rule: 'APPROVED_ACTUALS',
          indicatorKey: key,
          message: `indicator "${key}" has approved actuals and cannot be removed`,
        })),
      );
    const resultIds = new Map<string, string>();
    const ordered = shape
      .map((result, position) => ({ result, position }))
      .sort(
        (a, b) => Number(a.result.type === ResultType.OUTPUT) - Number(b.result.type === ResultType.OUTPUT),
      );
    for (const { result, position } of ordered) {
      const parentId = result.parentKey ? (resultIds.get(result.parentKey) ?? null) : null;
      resultIds.set(
        result.key,
        await this.matrices.upsertResult(
          manager,
          proposalId,
          { ...result, type: result.type as ResultType, indicators: [] },
          parentId,
          position,
        ),
      );
    }
    const indicatorIds: string[] = [];
    const added: string[] = [];
    let position = 0;
    for (const result of shape) {
      const resultId = resultIds.get(result.key)!;
      for (const indicator of result.indicators) {
        const change = { key: indicator.key, title: indicator.title, resultId, position: position++ };
        let id = await this.matrices.reshapeIndicator(manager, proposalId, change);
        if (!id) {
          id = await this.matrices.upsertIndicator(
            manager,
            proposalId,
            resultId,
            {
              key: indicator.key,
              title: indicator.title,
              measure: IndicatorMeasure.QUALITATIVE,
              aggregation: defaultAggregation(IndicatorMeasure.QUALITATIVE),
              ascending: true,
              unit: null,
              fundIndicatorCode: null,
              gcmObjectiveCodes: [],
              baseline: { year: baselineYear, value: null },
              targets: [],
            },
            change.position,
          );
          added.push(indicator.key);
        }
        indicatorIds.push(id);
      }
    }
    const deletedActuals = await this.matrices.deleteOrphanActuals(manager, proposalId, indicatorIds);
    await this.matrices.deleteOthers(manager, proposalId, {
      indicatorIds,
      resultIds: [...resultIds.values()],
    });
    return { added, removed: before.indicators.filter((k) => !kept.has(k)), deletedActuals };
  }

  private async assertApprovedActualsKept(
    manager: EntityManager,
    proposalId: string,
    matrix: MatrixInput,
  ): Promise<void> {
    const approved = await this.matrices.approvedPeriods(manager, proposalId);
    const indicators = new Map(matrix.results.flatMap((r) => r.indicators).map((i) => [i.key, i]));
    const problems: ErrorDetail[] = [];
    const removed = new Set<string>();
    for (const actual of approved) {
      const indicator = indicators.get(actual.key);
      if (!indicator) {
        if (!removed.has(actual.key)) {
          removed.add(actual.key);
          problems.push({
            rule: 'APPROVED_ACTUALS',
            indicatorKey: actual.key,
            message: `indicator "${actual.key}" has approved actuals and cannot be removed`,
          });
        }
      } else if (
        !indicator.targets.some(
          (t) => t.periodStart === actual.periodStart && t.periodEnd === actual.periodEnd,
        )
      ) {
        problems.push({
          rule: 'APPROVED_ACTUALS',
          indicatorKey: actual.key,
          periodStart: actual.periodStart,
          periodEnd: actual.periodEnd,
          message: `period ${actual.periodStart}–${actual.periodEnd} of indicator "${actual.key}" has an approved actual and must stay`,
        });
      }
    }
    if (problems.length) {
      throw new ConflictError(problems.map((p) => p.message).join('; '), problems);
    }
  }

  /** Upserts by key, deletes what is gone; returns how many unapproved actuals went with it. */
  private async apply(manager: EntityManager, proposalId: string, matrix: MatrixInput): Promise<number> {
    const resultIds = new Map<string, string>();
    // Outcomes first, so outputs can point at their parent's id.
    const ordered = matrix.results
      .map((result, position) => ({ result, position }))
      .sort(
        (a, b) => Number(a.result.type === ResultType.OUTPUT) - Number(b.result.type === ResultType.OUTPUT),
      );
    for (const { result, position } of ordered) {
      const parentId = result.parentKey ? (resultIds.get(result.parentKey) ?? null) : null;
      resultIds.set(
        result.key,
        await this.matrices.upsertResult(manager, proposalId, result, parentId, position),
      );
    }

    const indicatorIds: string[] = [];
    let position = 0;
    for (const result of matrix.results) {
      for (const indicator of result.indicators) {
        const resultId = resultIds.get(result.key) ?? null;
        const id = await this.matrices.upsertIndicator(manager, proposalId, resultId, indicator, position++);
        indicatorIds.push(id);
        await this.matrices.replaceObjectives(manager, id, indicator.gcmObjectiveCodes);
        await this.matrices.replaceTargets(manager, id, indicator.targets);
      }
    }

    // Unapproved actuals whose indicator or period is gone (approved ones were checked above).
    const deleted = await this.matrices.deleteOrphanActuals(manager, proposalId, indicatorIds);
    await this.matrices.deleteOthers(manager, proposalId, {
      indicatorIds,
      resultIds: [...resultIds.values()],
    });
    return deleted;
  }

  /**
   * Several programmes' indicators counted by standing (StandingCountsRow), by proposal id, as
   * `readMany`'s views name each indicator's standing today (overdue after REPORTING_GRACE_DAYS,
   * then on track / off track / not yet assessed), without reading their target periods.
   * Proposals without indicators are left out. Without a user check, as `readMany`.
   */
  async standingCounts(
    proposalIds: string[],
    manager: EntityManager,
  ): Promise<Map<string, StandingCountsRow>> {
    if (!proposalIds.length) return new Map();
    const rows = await this.matrices.standingCountsOf(
      manager,
      proposalIds,
      this.clock.today(),
      REPORTING_GRACE_DAYS,
    );
    return new Map(rows.map((row) => [row.proposal_id, row]));
  }

  /** `shows` says which actuals the reader sees (canSeeActual); the others read as not reported. */
  /**
   * Several programmes' matrices in one read of each table (a report over the whole portfolio),
   * without a user check, as `read`; by proposal id. Ids that name no proposal are left out.
   */
  async readMany(proposalIds: string[], manager: EntityManager): Promise<Map<string, MatrixView>> {
    if (!proposalIds.length) return new Map();
    const group = <Row extends { proposal_id: string }>(rows: Row[]) => {
      const byProposal = new Map<string, Row[]>();
      for (const row of rows) {
        const list = byProposal.get(row.proposal_id);
        if (list) list.push(row);
        else byProposal.set(row.proposal_id, [row]);
      }
      return byProposal;
    };
    const proposals = await this.proposals.findMany(manager, proposalIds);
    const results = group(await this.matrices.resultsOf(manager, proposalIds));
    const indicators = group(await this.matrices.indicatorsOf(manager, proposalIds));
    const targets = group(await this.matrices.targetsOf(manager, proposalIds));
    const today = this.clock.today();
    return new Map(
      proposals.map((proposal) => [
        proposal.id,
        buildMatrixView({
          proposal,
          results: results.get(proposal.id) ?? [],
          indicators: indicators.get(proposal.id) ?? [],
          targets: targets.get(proposal.id) ?? [],
          today,
          shows: () => true,
        }),
      ]),
    );
  }

  private async build(
    db: SqlRunner,
    proposal: ProposalAccess,
    shows: (status: ActualStatus) => boolean = () => true,
  ): Promise<MatrixView> {
    return buildMatrixView({
      proposal,
      results: await this.matrices.results(db, proposal.id),
      indicators: await this.matrices.indicators(db, proposal.id),
      targets: await this.matrices.targets(db, proposal.id),
      today: this.clock.today(),
      shows,
    });
  }
}
