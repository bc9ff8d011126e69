import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '../lifecycle';
import { submittedProposalSql } from '../proposals-access';

/** What proposals exports about the pipeline's size: proposals per status, from submission on. */
@Injectable()
export class ProposalCountsReader {
  /** Submitted proposals per status (a draft, withdrawn or not, is the agencies' own); statuses without any are absent. */
  async submittedByStatus(db: SqlRunner): Promise<Map<ProposalStatus, number>> {
    const rows = await sqlRows<{ status: ProposalStatus; count: number }>(
      db,
      `SELECT p.status, count(*)::int AS count FROM proposals p WHERE ${submittedProposalSql('p')} GROUP BY p.status`,
    );
    return new Map(rows.map((row) => [row.status, row.count]));
  }
}
