import { Injectable } from '@nestjs/common';
import { sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { FundSettingsRow } from './reference.entities';

/** The settings row's columns as `fundSettings` returns them (names and text forms); `id` is SQL. */
const fundSettingsSql = (
  id: string,
) => `SELECT min_participating_organizations AS "minParticipatingOrganizations",
         min_marker_gender AS "minMarkerGender", min_marker_human_rights AS "minMarkerHumanRights",
         min_marker_child_sensitivity AS "minMarkerChildSensitivity", budget_ceiling::text AS "budgetCeiling",
         min_duration_months AS "minDurationMonths", max_duration_months AS "maxDurationMonths",
         indirect_rate::text AS "indirectRate", aa_fee_rate::text AS "aaFeeRate",
         review_window_days AS "reviewWindowDays", expenditure_deadline AS "expenditureDeadline",
         to_char(inception_date, 'YYYY-MM-DD') AS "inceptionDate", max_entry_amount::text AS "maxEntryAmount",
         administrative_agent_name AS "administrativeAgentName", iati_organisation_id AS "iatiOrganisationId",
         contact_email AS "contactEmail", website,
         narrative_report_deadline AS "narrativeReportDeadline", final_narrative_months AS "finalNarrativeMonths",
         final_financial_months AS "finalFinancialMonths", revision_max_move_rate::text AS "revisionMaxMoveRate",
         revision_max_extension_months AS "revisionMaxExtensionMonths",
         revisions_per_year_by_fund_unit AS "revisionsPerYearByFundUnit",
         required_document_kinds AS "requiredDocumentKinds"
    FROM fund_settings WHERE id = ${id}`;

/**
 * The same row as one JSON value (keys and values as `fundSettings` returns them, null without a
 * row), an expression another lib's statement selects beside its own rows: one round trip less
 * inside a transaction that needs both (ReferenceService.fundSettingsRead).
 */
export const FUND_SETTINGS_JSON_SQL = `(SELECT row_to_json(s) FROM (${fundSettingsSql('1')}) s)`;

/** The mapping of thematic areas to GCM objectives, and the fund settings row, in plain SQL. */
@Injectable()
export class ReferenceRepository {
  /** Every (area, objective) pair, by area then objective. */
  mapping(db: SqlRunner): Promise<{ area: number; objective: number }[]> {
    return sqlRows(
      db,
      'SELECT thematic_area_code AS area, gcm_objective_code AS objective FROM thematic_area_objectives ORDER BY 1, 2',
    );
  }

  async areaObjectiveCodes(db: SqlRunner, areaCode: number): Promise<number[]> {
    const rows = await sqlRows<{ code: number }>(
      db,
      'SELECT gcm_objective_code AS code FROM thematic_area_objectives WHERE thematic_area_code = $1 ORDER BY 1',
      [areaCode],
    );
    return rows.map((row) => row.code);
  }

  /** Replaces the objectives mapped to one thematic area. */
  async setAreaObjectives(db: SqlRunner, areaCode: number, objectiveCodes: number[]): Promise<void> {
    await sqlRows(db, 'DELETE FROM thematic_area_objectives WHERE thematic_area_code = $1', [areaCode]);
    if (objectiveCodes.length)
      await sqlRows(
        db,
        'INSERT INTO thematic_area_objectives (thematic_area_code, gcm_objective_code) SELECT $1, unnest($2::smallint[])',
        [areaCode, objectiveCodes],
      );
  }

  /** The settings row (plain SQL: read by every proposal write and eligibility check), or null. */
  fundSettings(db: SqlRunner): Promise<Omit<FundSettingsRow, 'id' | 'updatedAt'> | null> {
    return sqlRow(db, fundSettingsSql('$1'), [1]);
  }
}
