import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRow, sqlRows } from '@mptf/platform';

/** What the programme work needs to know of a programme, read through its owners' views. */
export interface ProgrammeFacts {
  id: string;
  reference: string;
  title: string;
  status: string;
  startDate: string | null;
  durationMonths: number;
  convenerOrgId: string;
  convenerCode: string;
  punos: { id: string; code: string }[];
  /** The date of its operational closure, if it happened. */
  closedOn: string | null;
}

@Injectable()
export class ProgrammeFactsRepository {
  /** Records (or, with null, forgets) the day of the operational closure. */
  async setClosedOn(db: SqlRunner, programmeId: string, closedOn: string | null): Promise<void> {
    if (closedOn === null)
      await db.query(`DELETE FROM programme_operational_closures WHERE proposal_id = $1`, [programmeId]);
    else
      await db.query(
        `INSERT INTO programme_operational_closures (proposal_id, closed_on) VALUES ($1, $2)
         ON CONFLICT (proposal_id) DO UPDATE SET closed_on = EXCLUDED.closed_on`,
        [programmeId, closedOn],
      );
  }

  find(db: SqlRunner, programmeId: string): Promise<ProgrammeFacts | null> {
    return sqlRow<ProgrammeFacts>(
      db,
      `SELECT ps.id, ps.reference, ps.title, ps.status, to_char(ps.start_date, 'YYYY-MM-DD') AS "startDate",
              ps.duration_months AS "durationMonths", ps.convener_org_id AS "convenerOrgId", conv.code AS "convenerCode",
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'code', o.code) ORDER BY pp.position)
                          FROM proposals_participants_v pp JOIN identity_organizations_v o ON o.id = pp.organization_id
                         WHERE pp.proposal_id = ps.id), '[]') AS punos,
              (SELECT to_char(c.closed_on, 'YYYY-MM-DD') FROM programme_operational_closures c
                WHERE c.proposal_id = ps.id) AS "closedOn"
         FROM proposals_summary_v ps JOIN identity_organizations_v conv ON conv.id = ps.convener_org_id
        WHERE ps.id = $1`,
      [programmeId],
    );
  }

  /** Programmes in `statuses` with a start date (they owe reports), by reference. */
  started(db: SqlRunner, statuses: readonly string[]): Promise<{ id: string; reference: string }[]> {
    return sqlRows(
      db,
      `SELECT id, reference FROM proposals_summary_v
        WHERE status = ANY($1::text[]) AND start_date IS NOT NULL ORDER BY reference, id`,
      [statuses],
    );
  }
}
