import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision says in which capacity it was recorded: by the chair, or by a Steering Committee
 * member acting as chair because every chair is recused from the proposal (decision-rules.ts,
 * decisionAuthority). Earlier decisions were all recorded by the chair.
 */
export class ActingChair1765500000000 implements MigrationInterface {
  name = 'ActingChair1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sc_decisions
        ADD COLUMN recorded_as text NOT NULL DEFAULT 'CHAIR' CHECK (recorded_as IN ('CHAIR', 'ACTING_CHAIR'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE sc_decisions DROP COLUMN recorded_as');
  }
}
