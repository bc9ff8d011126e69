import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other libs may read of identity's tables, as views (issue 16: a lib reads another lib's
 * tables only through what the owner exports). Plain projections: PostgreSQL folds them into the
 * statements that join them, so a join across libs stays one statement with the same plan.
 * Password hashes and login attempts are never exported.
 */
export class IdentityViews1765700000000 implements MigrationInterface {
  name = 'IdentityViews1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW identity_organizations_v AS
        SELECT id, code, name, acronym, type, country_code, active FROM organizations;
      CREATE VIEW identity_users_v AS
        SELECT id, email, name, roles, organization_id, active FROM users;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP VIEW identity_users_v; DROP VIEW identity_organizations_v;');
  }
}
