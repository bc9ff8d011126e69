import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The documents a proposal must carry before it is submitted (issue 18): a fund setting listing
 * document kinds (CONCEPT_NOTE, ENDORSEMENT_LETTER, …). Empty by default, so nothing already
 * submittable stops being so until the fund says which documents it requires.
 */
export class RequiredDocuments1765850000000 implements MigrationInterface {
  name = 'RequiredDocuments1765850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE fund_settings
        ADD COLUMN required_document_kinds text[] NOT NULL DEFAULT '{}'
          CHECK (required_document_kinds <@ ARRAY['CONCEPT_NOTE','PROGRAMME_DOCUMENT','ENDORSEMENT_LETTER','BUDGET','OTHER']::text[]);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE fund_settings DROP COLUMN required_document_kinds;`);
  }
}
