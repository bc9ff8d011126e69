import { Injectable } from '@nestjs/common';
import { sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import type { MailDelivery } from '../notification-kinds';

export interface PreferenceRow {
  userId: string;
  mailOff: boolean;
  /** Only the kinds the user chose; the others take the default. */
  deliveries: Record<string, MailDelivery>;
}

const COLUMNS = `user_id AS "userId", mail_off AS "mailOff", deliveries`;

/** notification_preferences: one row per user who changed anything. */
@Injectable()
export class PreferenceRepository {
  ofUsers(db: SqlRunner, userIds: readonly string[]): Promise<PreferenceRow[]> {
    return sqlRows<PreferenceRow>(
      db,
      `SELECT ${COLUMNS} FROM notification_preferences WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  ofUser(db: SqlRunner, userId: string): Promise<PreferenceRow | null> {
    return sqlRow<PreferenceRow>(db, `SELECT ${COLUMNS} FROM notification_preferences WHERE user_id = $1`, [
      userId,
    ]);
  }

  async save(db: SqlRunner, row: PreferenceRow): Promise<void> {
    await sqlRows(
      db,
      `INSERT INTO notification_preferences (user_id, mail_off, deliveries, updated_at)
       VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (user_id) DO UPDATE
         SET mail_off = EXCLUDED.mail_off, deliveries = EXCLUDED.deliveries, updated_at = now()`,
      [row.userId, row.mailOff, JSON.stringify(row.deliveries)],
    );
  }
}
