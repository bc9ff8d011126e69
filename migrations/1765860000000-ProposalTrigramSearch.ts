import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The proposal list's search (q): a reference or title by prefix or with a typo, through pg_trgm's
 * trigram indexes (LIKE '%…%' and word similarity `<%` both use them), so it stays an index scan
 * at 100,000 proposals. Countries and agencies are matched in their own small tables.
 */
export class ProposalTrigramSearch1765860000000 implements MigrationInterface {
  name = 'ProposalTrigramSearch1765860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX proposals_reference_trgm_idx ON proposals USING gin (lower(reference) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX proposals_title_trgm_idx ON proposals USING gin (lower(title) gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS proposals_title_trgm_idx`);
    await queryRunner.query(`DROP INDEX IF EXISTS proposals_reference_trgm_idx`);
  }
}
