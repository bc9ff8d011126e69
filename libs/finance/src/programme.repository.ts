import { Injectable } from '@nestjs/common';
import { InvalidStateError, NotFoundError, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { EntityManager } from 'typeorm';
import { ProgrammeRecord, PunoRecord } from './programme-records';

/**
 * A programme as finance reads it: the proposal and its PUNOs through the proposals lib's views
 * (migrations ProposalsViews, ProposalsMoneyResultsViews), and its lock through the proposals lib's status service.
 */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly statuses: ProposalStatusService) {}

  async find(db: SqlRunner, id: string): Promise<ProgrammeRecord | null> {
    return sqlRow<ProgrammeRecord>(
      db,
      `SELECT id, reference, title, status, thematic_area_code AS "thematicAreaCode" FROM proposals_summary_v WHERE id = $1`,
      [id],
    );
  }

  /** The PUNOs of a proposal with their budgeted direct costs, in the proposal's order. */
  async punos(db: SqlRunner, proposalId: string): Promise<PunoRecord[]> {
    return sqlRows(
      db,
      `SELECT o.id AS "organizationId", o.code, o.name, coalesce(b.direct, 0)::text AS direct
         FROM proposals_participants_v po
         JOIN identity_organizations_v o ON o.id = po.organization_id
         LEFT JOIN proposals_participant_budgets_v b ON b.proposal_id = po.proposal_id AND b.organization_id = po.organization_id
        WHERE po.proposal_id = $1
        ORDER BY po.position, o.code`,
      [proposalId],
      (row: Omit<PunoRecord, 'direct'> & { direct: string }) => ({ ...row, direct: BigInt(row.direct) }),
    );
  }

  /** Locks the proposal row; 404 if it is no programme at all, 409 naming its state if not in `allowed`. */
  async lock(
    manager: EntityManager,
    programmeId: string,
    action: string,
    allowed: readonly ProposalStatus[],
  ): Promise<ProgrammeRecord> {
    const status = await this.statuses.lock(manager, programmeId);
    if (!allowed.includes(status)) throw new InvalidStateError('programme', status, action);
    const programme = await this.find(manager, programmeId);
    if (!programme) throw new NotFoundError('Programme', programmeId);
    return programme;
  }
}
