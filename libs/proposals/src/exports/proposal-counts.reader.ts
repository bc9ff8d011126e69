import { Injectable } from '@nestjs/common';
import { positionalParams, sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '../lifecycle';
import { submittedProposalSql } from '../proposals-access';

/**
 * A proposal's status at the moment `asOf` (an SQL expression of a timestamptz) as an SQL
 * expression over `idExpr`: the latest change of its status timeline recorded before then, null
 * when it did not exist yet (migration ProposalStatusAsOf). For other libs' report queries.
 */
export function proposalStatusAsOfSql(idExpr: string, asOf: string): string {
  return `proposal_status_as_of(${idExpr}, ${asOf})`;
}

/** The moment a report for `year` is cut at: the end of 31 December (UTC). */
export function endOfYear(year: number): Date {
  return new Date(Date.UTC(year + 1, 0, 1));
}

/** What proposals exports about the pipeline's size: proposals per status, from submission on. */
@Injectable()
export class ProposalCountsReader {
  /**
   * Submitted proposals per status (a draft, withdrawn or not, is the agencies' own); statuses
   * without any are absent. With `asOf`, as they stood then (their status timeline): a proposal
   * created, submitted or decided later counts as it was, or not at all.
   */
  async submittedByStatus(db: SqlRunner, asOf?: Date): Promise<Map<ProposalStatus, number>> {
    const rows = asOf ? await this.asOf(db, asOf) : await this.current(db);
    return new Map(rows.map((row) => [row.status, row.count]));
  }

  private current(db: SqlRunner) {
    const params: unknown[] = [];
    const submitted = submittedProposalSql('p', positionalParams(params));
    return sqlRows<{ status: ProposalStatus; count: number }>(
      db,
      `SELECT p.status, count(*)::int AS count FROM proposals p WHERE ${submitted} GROUP BY p.status`,
      params,
    );
  }

  /** Submitted by then: a SUBMITTED change before it, or (no timeline) a status past DRAFT. */
  private asOf(db: SqlRunner, asOf: Date) {
    return sqlRows<{ status: ProposalStatus; count: number }>(
      db,
      `SELECT status, count(*)::int AS count
         FROM (SELECT ${proposalStatusAsOfSql('p.id', '$1')} AS status,
                      EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = p.id
                                 AND c.to_status = $2 AND c.occurred_at < $1) AS submitted
                 FROM proposals p) s
        WHERE status IS NOT NULL AND status <> $3 AND (status <> $4 OR submitted)
        GROUP BY status`,
      [asOf, ProposalStatus.SUBMITTED, ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN],
    );
  }
}
