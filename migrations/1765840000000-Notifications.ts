import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 19), owned by libs/notifications.
 * - notifications: one row per recipient and event, what the bell lists; `mail` says how it goes
 *   out by e-mail (NONE, IMMEDIATE, DIGEST) and `mail_message_id` the outbox message that carried it
 *   (a DIGEST row without one waits for the next digest).
 * - notification_preferences: per user, e-mail delivery per kind (absent kinds take the default)
 *   and one switch that turns all mail off. The bell always shows everything.
 * - outbox: every message composed, PENDING until the mail job sends it (SENT), keeps it for the
 *   admin when no SMTP server is configured (KEPT), or the server refuses it for good (BOUNCED)
 *   or the retries run out (FAILED).
 * - mail_bounces: addresses an SMTP server refused permanently (5xx), shown to the admin.
 */
export class Notifications1765840000000 implements MigrationInterface {
  name = 'Notifications1765840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid REFERENCES users(id),
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('IMMEDIATE', 'DIGEST')),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'KEPT', 'BOUNCED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX outbox_created_idx ON outbox (created_at DESC, id);
      CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'PENDING';

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        item_type text NOT NULL,
        item_id text NOT NULL,
        item_reference text,
        item_title text,
        link text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        mail text NOT NULL CHECK (mail IN ('NONE', 'IMMEDIATE', 'DIGEST')),
        mail_message_id uuid REFERENCES outbox(id)
      );
      CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id);
      CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
      CREATE INDEX notifications_digest_idx ON notifications (recipient_id)
        WHERE mail = 'DIGEST' AND mail_message_id IS NULL;

      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        mail_off boolean NOT NULL DEFAULT false,
        deliveries jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE mail_bounces (
        address text PRIMARY KEY,
        user_id uuid REFERENCES users(id),
        smtp_code integer NOT NULL,
        response text NOT NULL,
        message_id uuid REFERENCES outbox(id),
        bounced_at timestamptz NOT NULL DEFAULT now(),
        count integer NOT NULL DEFAULT 1
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE mail_bounces; DROP TABLE notification_preferences; DROP TABLE notifications; DROP TABLE outbox;',
    );
  }
}
