import { Injectable } from '@nestjs/common';
import { sqlRows, SqlRunner } from '@mptf/platform';

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
}
