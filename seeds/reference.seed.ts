import { EntityManager } from 'typeorm';
import { COUNTRIES } from './data/countries.data';
import {
  AREA_OBJECTIVES,
  BUDGET_CATEGORIES,
  DEFAULT_FUND_SETTINGS,
  REVIEW_CRITERIA,
  SECRETARIAT_ORGANIZATIONS,
  THEMATIC_AREAS,
} from './data/fund.data';
import { FUND_INDICATORS } from './data/fund-indicators.data';
import { GCM_OBJECTIVES, GUIDING_PRINCIPLES } from './data/gcm.data';
import { UN_ENTITIES } from './data/organizations.data';

export type Progress = (message: string) => void;

/**
 * Reference data. Idempotent: every insert is ON CONFLICT DO NOTHING, so a second run changes
 * nothing and never overwrites what admins edited (the mapping, the settings).
 */
export async function seedReference(db: EntityManager, progress: Progress = () => undefined): Promise<void> {
  progress('reference: thematic areas, GCM objectives and their mapping');
  await db.query(
    `INSERT INTO gcm_objectives (code, title, short_title)
     SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[]) ON CONFLICT (code) DO NOTHING`,
    [
      GCM_OBJECTIVES.map((o) => o.code),
      GCM_OBJECTIVES.map((o) => o.title),
      GCM_OBJECTIVES.map((o) => o.shortTitle),
    ],
  );
  const areaCount = (await db.query('SELECT count(*)::int AS n FROM thematic_areas')) as { n: number }[];
  const firstRun = areaCount[0].n === 0;
  await db.query(
    `INSERT INTO thematic_areas (code, title, short_title)
     SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[]) ON CONFLICT (code) DO NOTHING`,
    [
      THEMATIC_AREAS.map((a) => a.code),
      THEMATIC_AREAS.map((a) => a.title),
      THEMATIC_AREAS.map((a) => a.shortTitle),
    ],
  );
  // The mapping is editable: seed it only when the areas are new, so edits survive re-seeding.
  if (firstRun) {
    const pairs = Object.entries(AREA_OBJECTIVES).flatMap(([area, objectives]) =>
      objectives.map((o) => [Number(area), o]),
    );
    await db.query(
      `INSERT INTO thematic_area_objectives (thematic_area_code, gcm_objective_code)
       SELECT * FROM unnest($1::smallint[], $2::smallint[]) ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }

  progress('reference: guiding principles, budget categories, review criteria');
  await db.query(
    `INSERT INTO guiding_principles (code, title, description, position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[]) ON CONFLICT (code) DO NOTHING`,
    [
      GUIDING_PRINCIPLES.map((p) => p.code),
      GUIDING_PRINCIPLES.map((p) => p.title),
      GUIDING_PRINCIPLES.map((p) => p.description),
      GUIDING_PRINCIPLES.map((_p, index) => index + 1),
    ],
  );
  await db.query(
    `INSERT INTO budget_categories (code, title, direct)
     SELECT * FROM unnest($1::smallint[], $2::text[], $3::boolean[]) ON CONFLICT (code) DO NOTHING`,
    [
      BUDGET_CATEGORIES.map((c) => c.code),
      BUDGET_CATEGORIES.map((c) => c.title),
      BUDGET_CATEGORIES.map((c) => c.direct),
    ],
  );
  await db.query(
    `INSERT INTO review_criteria (code, title, description, weight, position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::smallint[]) ON CONFLICT (code) DO NOTHING`,
    [
      REVIEW_CRITERIA.map((c) => c.code),
      REVIEW_CRITERIA.map((c) => c.title),
      REVIEW_CRITERIA.map((c) => c.description),
      REVIEW_CRITERIA.map((c) => c.weight),
      REVIEW_CRITERIA.map((_c, index) => index + 1),
    ],
  );

  progress(`reference: ${COUNTRIES.length} countries with their UN M49 regions`);
  await db.query(
    `INSERT INTO countries (code, alpha2, name, region, region_code, sub_region)
     SELECT * FROM unnest($1::char(3)[], $2::char(2)[], $3::text[], $4::text[], $5::char(3)[], $6::text[])
     ON CONFLICT (code) DO NOTHING`,
    [
      COUNTRIES.map((c) => c.code),
      COUNTRIES.map((c) => c.alpha2),
      COUNTRIES.map((c) => c.name),
      COUNTRIES.map((c) => c.region),
      COUNTRIES.map((c) => c.regionCode),
      COUNTRIES.map((c) => c.subRegion),
    ],
  );

  progress('reference: organizations (UN entities, Member States, the fund offices)');
  const memberStates = COUNTRIES.filter((c) => c.unMember);
  const organizations = [
    ...UN_ENTITIES.map((e) => ({
      code: e.code,
      name: e.name,
      acronym: e.acronym,
      type: 'UN_ENTITY',
      country: null,
    })),
    ...memberStates.map((c) => ({
      code: c.code,
      name: c.name,
      acronym: null,
      type: 'MEMBER_STATE',
      country: c.code,
    })),
    ...SECRETARIAT_ORGANIZATIONS.map((o) => ({ ...o, type: 'SECRETARIAT', country: null })),
  ];
  await db.query(
    `INSERT INTO organizations (code, name, acronym, type, country_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::char(3)[]) ON CONFLICT (code) DO NOTHING`,
    [
      organizations.map((o) => o.code),
      organizations.map((o) => o.name),
      organizations.map((o) => o.acronym),
      organizations.map((o) => o.type),
      organizations.map((o) => o.country),
    ],
  );

  progress('reference: fund settings');
  const s = DEFAULT_FUND_SETTINGS;
  await db.query(
    `INSERT INTO fund_settings (id, min_participating_organizations, min_marker_gender, min_marker_human_rights,
        min_marker_child_sensitivity, budget_ceiling, min_duration_months, max_duration_months, indirect_rate,
        aa_fee_rate, review_window_days, expenditure_deadline, inception_date, max_entry_amount)
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
    [
      s.minParticipatingOrganizations,
      s.minMarkerGender,
      s.minMarkerHumanRights,
      s.minMarkerChildSensitivity,
      s.budgetCeilingCents.toString(),
      s.minDurationMonths,
      s.maxDurationMonths,
      s.indirectRate,
      s.aaFeeRate,
      s.reviewWindowDays,
      s.expenditureDeadline,
      s.inceptionDate,
      s.maxEntryAmountCents.toString(),
    ],
  );

  progress(`reference: ${FUND_INDICATORS.length} fund-level results indicators`);
  await db.query(
    `INSERT INTO fund_indicators (code, thematic_area_code, title, measure, unit)
     SELECT * FROM unnest($1::text[], $2::smallint[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (code) DO NOTHING`,
    [
      FUND_INDICATORS.map((f) => f.code),
      FUND_INDICATORS.map((f) => f.thematicAreaCode),
      FUND_INDICATORS.map((f) => f.title),
      FUND_INDICATORS.map((f) => f.measure),
      FUND_INDICATORS.map((f) => f.unit),
    ],
  );
}
