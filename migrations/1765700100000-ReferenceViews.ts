import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other libs may read of reference data's tables inside their own statements, as views
 * (plain projections, folded into the statements that join them).
 */
export class ReferenceViews1765700100000 implements MigrationInterface {
  name = 'ReferenceViews1765700100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW reference_countries_v AS
        SELECT code, alpha2, name, region, region_code, sub_region FROM countries;
      CREATE VIEW reference_thematic_areas_v AS
        SELECT code, title, short_title FROM thematic_areas;
      CREATE VIEW reference_gcm_objectives_v AS
        SELECT code, title, short_title FROM gcm_objectives;
      CREATE VIEW reference_area_objectives_v AS
        SELECT thematic_area_code, gcm_objective_code FROM thematic_area_objectives;
      CREATE VIEW reference_review_criteria_v AS
        SELECT code, title, description, weight, position FROM review_criteria;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW reference_review_criteria_v;
      DROP VIEW reference_area_objectives_v;
      DROP VIEW reference_gcm_objectives_v;
      DROP VIEW reference_thematic_areas_v;
      DROP VIEW reference_countries_v;
    `);
  }
}
