import { Injectable } from '@nestjs/common';
import { sqlRow, sqlRows, SqlRunner } from '@mptf/platform';

/** What the decision pack reads besides reviews and decisions: reference data and where programmes are. */
@Injectable()
export class DecisionPackRepository {
  thematicAreas(db: SqlRunner): Promise<{ code: number; shortTitle: string }[]> {
    return sqlRows(
      db,
      'SELECT code, short_title AS "shortTitle" FROM reference_thematic_areas_v ORDER BY code',
    );
  }

  /** The regions of any proposal's countries (so a breakdown lists them all), by name. */
  async regionsInUse(db: SqlRunner): Promise<string[]> {
    const rows = await sqlRows<{ region: string }>(
      db,
      `SELECT DISTINCT c.region FROM proposals_countries_v pc JOIN reference_countries_v c ON c.code = pc.country_code
        ORDER BY 1`,
    );
    return rows.map((row) => row.region);
  }

  /** The region of each of the countries, in the countries' code order. */
  async regionsOf(db: SqlRunner, countryCodes: string[]): Promise<string[]> {
    if (countryCodes.length === 0) return [];
    const rows = await sqlRows<{ region: string }>(
      db,
      'SELECT region FROM reference_countries_v WHERE code = ANY($1) ORDER BY code',
      [countryCodes],
    );
    return rows.map((row) => row.region);
  }

  /** Each proposal's thematic area and the region of each of its countries, by reference. */
  whereProposalsAre(
    db: SqlRunner,
    proposalIds: string[],
  ): Promise<{ id: string; thematicAreaCode: number; regions: string[] }[]> {
    return sqlRows(
      db,
      `SELECT p.id, p.thematic_area_code AS "thematicAreaCode",
              array(SELECT c.region FROM proposals_countries_v pc JOIN reference_countries_v c ON c.code = pc.country_code
                     WHERE pc.proposal_id = p.id ORDER BY pc.country_code) AS regions
         FROM proposals_summary_v p WHERE p.id = ANY($1::uuid[])
        ORDER BY p.reference`,
      [proposalIds],
    );
  }

  /** The pack kept when the meeting decided, or null (sc_meeting_packs). */
  kept<T>(db: SqlRunner, meetingId: string): Promise<{ pack: T; asOf: Date; keptAt: Date } | null> {
    return sqlRow(
      db,
      'SELECT pack, as_of AS "asOf", kept_at AS "keptAt" FROM sc_meeting_packs WHERE meeting_id = $1',
      [meetingId],
    );
  }

  /** Keeps a meeting's pack once; a second keep (a concurrent first decision) changes nothing. */
  async keep(db: SqlRunner, meetingId: string, asOf: Date, pack: unknown): Promise<void> {
    await sqlRows(
      db,
      `INSERT INTO sc_meeting_packs (meeting_id, as_of, pack) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (meeting_id) DO NOTHING`,
      [meetingId, asOf, JSON.stringify(pack)],
    );
  }

  /**
   * The pipeline as it stood at `asOf`: proposals whose latest decision recorded by then was
   * PIPELINE, in today's rank order for those still ranked, then by when they were endorsed.
   */
  pipelineAsOf(
    db: SqlRunner,
    asOf: Date,
  ): Promise<
    {
      proposalId: string;
      reference: string;
      title: string;
      thematicAreaCode: number;
      total: string;
      endorsedAt: Date;
    }[]
  > {
    return sqlRows(
      db,
      `SELECT p.id AS "proposalId", p.reference, p.title, p.thematic_area_code AS "thematicAreaCode",
              p.requested_total::text AS total, d.decided_at AS "endorsedAt"
         FROM (SELECT DISTINCT ON (proposal_id) proposal_id, outcome, decided_at FROM sc_decisions
                WHERE decided_at <= $1 ORDER BY proposal_id, decided_at DESC) d
         JOIN proposals_summary_v p ON p.id = d.proposal_id
         LEFT JOIN pipeline_ranks pr ON pr.proposal_id = p.id
        WHERE d.outcome = 'PIPELINE'
        ORDER BY pr.rank NULLS LAST, d.decided_at, p.reference`,
      [asOf],
    );
  }
}
