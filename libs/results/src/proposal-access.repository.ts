import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { programmeWindow } from './period-window';
import { ProposalAccess } from './results-access';

interface ProposalAccessRow {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  version: number;
  start_date: string | null;
  created_at: Date;
  duration_months: number;
  is_puno: boolean;
}

function toAccess(row: ProposalAccessRow): ProposalAccess {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    version: row.version,
    isPuno: row.is_puno,
    window: programmeWindow({
      startDate: row.start_date,
      createdAt: row.created_at,
      durationMonths: row.duration_months,
    }),
  };
}

/** A proposal as the results rules need it, through the proposals lib's views. */
@Injectable()
export class ProposalAccessRepository {
  /**
   * The proposal with whether `organizationId` is one of its PUNOs, optionally locked (`FOR NO
   * KEY UPDATE` for matrix edits, `FOR SHARE` for actuals, so the two never interleave).
   */
  async find(
    db: SqlRunner,
    proposalId: string,
    organizationId: string | null,
    lock: 'FOR NO KEY UPDATE' | 'FOR SHARE' | '' = '',
  ): Promise<ProposalAccess | null> {
    return sqlRow(
      db,
      `SELECT p.id, p.reference, p.title, p.status, p.version, p.start_date::text AS start_date, p.created_at,
              p.duration_months,
              EXISTS (SELECT 1 FROM proposals_participants_v po WHERE po.proposal_id = p.id AND po.organization_id = $2) AS is_puno
         FROM proposals_summary_v p WHERE p.id = $1 ${lock ? `${lock} OF p` : ''}`,
      [proposalId, organizationId],
      toAccess,
    );
  }

  /** Several proposals at once, for reads that have already decided who may see them (no user). */
  findMany(db: SqlRunner, proposalIds: string[]): Promise<ProposalAccess[]> {
    return sqlRows(
      db,
      `SELECT p.id, p.reference, p.title, p.status, p.version, p.start_date::text AS start_date, p.created_at,
              p.duration_months, false AS is_puno
         FROM proposals_summary_v p WHERE p.id = ANY($1::uuid[])`,
      [proposalIds],
      toAccess,
    );
  }

  /** The ids of the proposal's participating organizations (its PUNOs). */
  participantOrganizationIds(db: SqlRunner, proposalId: string): Promise<string[]> {
    return sqlRows<{ organization_id: string }, string>(
      db,
      'SELECT organization_id FROM proposals_participants_v WHERE proposal_id = $1',
      [proposalId],
      (row) => row.organization_id,
    );
  }
}
