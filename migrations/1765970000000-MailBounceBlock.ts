import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bounced address is blocked: no more mail goes to it (outbox status BLOCKED) until the admin
 * clears the bounce (cleared_at, cleared_by); a later bounce blocks it again.
 */
export class MailBounceBlock1765970000000 implements MigrationInterface {
  name = 'MailBounceBlock1765970000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE mail_bounces
        ADD COLUMN cleared_at timestamptz,
        ADD COLUMN cleared_by uuid REFERENCES users(id)`);
    await db.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`);
    await db.query(`
      ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
        CHECK (status IN ('PENDING', 'SENT', 'KEPT', 'BOUNCED', 'FAILED', 'BLOCKED'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE outbox SET status = 'FAILED' WHERE status = 'BLOCKED'`);
    await db.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`);
    await db.query(`
      ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
        CHECK (status IN ('PENDING', 'SENT', 'KEPT', 'BOUNCED', 'FAILED'))`);
    await db.query(`ALTER TABLE mail_bounces DROP COLUMN cleared_at, DROP COLUMN cleared_by`);
  }
}
