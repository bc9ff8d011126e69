import { Injectable } from '@nestjs/common';
import { positionalParams, sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '../lifecycle';
import { submittedProposalSql } from '../proposals-access';

/** What proposals exports about the pipeline's size: proposals per status, from submission on. */
@Injectable()
export class ProposalCountsReader {
  /** Submitted proposals per status (a draft, withdrawn or not, is the agencies' own); statuses without any are absent. */
  async submittedByStatus(db: SqlRunner): Promise<Map<ProposalStatus, number>> {
    const params: unknown[] = [];
    const submitted = submittedProposalSql('p', positionalParams(params));
    const rows = await sqlRows<{ status: ProposalStatus; count: number }>(
      db,
      `SELECT p.status, count(*)::int AS count FROM proposals p WHERE ${submitted} GROUP BY p.status`,
      params,
    );
    return new Map(rows.map((row) => [row.status, row.count]));
  }
}
