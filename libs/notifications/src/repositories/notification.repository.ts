import { Injectable } from '@nestjs/common';
import { BindParam, offsetOf, positionalParams, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { orderByOf } from '../list-order';

export type MailMode = 'NONE' | 'IMMEDIATE' | 'DIGEST';

export interface NewNotification {
  recipientId: string;
  kind: string;
  itemType: string;
  itemId: string;
  itemReference: string | null;
  itemTitle: string | null;
  link: string;
  mail: MailMode;
  mailMessageId: string | null;
}

export interface NotificationRow {
  id: string;
  kind: string;
  itemType: string;
  itemId: string;
  itemReference: string | null;
  itemTitle: string | null;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

/** A notification waiting for its recipient's digest, with what the digest needs. */
export interface DigestEntry extends NotificationRow {
  recipientId: string;
  email: string;
  name: string;
}

const SORTABLE: Record<string, string> = {
  createdAt: 'n.created_at',
  kind: 'n.kind',
  read: '(n.read_at IS NOT NULL)',
};

/** `sort=` as ORDER BY terms over known columns; an unknown field is a 400 naming it. */
export function notificationOrder(sort: string | undefined): string {
  return orderByOf(sort, SORTABLE, 'n.created_at DESC, n.id DESC');
}

export interface NotificationListQuery {
  page: number;
  pageSize: number;
  unread?: boolean;
  /** A LIKE prefix (escaped): the item's reference or a word of its title starts with it. */
  search?: string | null;
  /** ORDER BY terms over known columns (built from `sort=` by the service). */
  orderBy: string;
}

const COLUMNS = `n.id, n.kind, n.item_type AS "itemType", n.item_id AS "itemId",
  n.item_reference AS "itemReference", n.item_title AS "itemTitle", n.link,
  n.created_at AS "createdAt", n.read_at AS "readAt"`;

function notificationsInsert(rows: readonly NewNotification[], param: BindParam): string {
  const column = <K extends keyof NewNotification>(key: K, type: string) =>
    `${param(rows.map((row) => row[key]))}::${type}[]`;
  return `INSERT INTO notifications
         (recipient_id, kind, item_type, item_id, item_reference, item_title, link, mail, mail_message_id)
       SELECT * FROM unnest(${column('recipientId', 'uuid')}, ${column('kind', 'text')}, ${column('itemType', 'text')},
                            ${column('itemId', 'text')}, ${column('itemReference', 'text')}, ${column('itemTitle', 'text')},
                            ${column('link', 'text')}, ${column('mail', 'text')}, ${column('mailMessageId', 'uuid')})`;
}

/** The notifications table: what each user's bell lists, and what waits for a digest. */
@Injectable()
export class NotificationRepository {
  async addMany(db: SqlRunner, rows: readonly NewNotification[]): Promise<void> {
    if (!rows.length) return;
    const params: unknown[] = [];
    await sqlRows(db, notificationsInsert(rows, positionalParams(params)), params);
  }

  /**
   * The notifications and the mail messages they point at (`mailMessageId` one of `messageIds`)
   * in one statement: the messages first, as a CTE (its rows exist when the statement's foreign
   * keys are checked). One round trip where there were two on every notification with mail.
   */
  async addWithMessages(
    db: SqlRunner,
    rows: readonly NewNotification[],
    messages: { sql: (param: BindParam) => string },
  ): Promise<void> {
    if (!rows.length) return;
    const params: unknown[] = [];
    const param = positionalParams(params);
    await sqlRows(
      db,
      `WITH messages AS (${messages.sql(param)}) ${notificationsInsert(rows, param)}`,
      params,
    );
  }

  async page(
    db: SqlRunner,
    recipientId: string,
    query: NotificationListQuery,
  ): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    const where = `n.recipient_id = $1 AND ($2::boolean IS NOT TRUE OR n.read_at IS NULL)
      AND ($3::text IS NULL OR n.item_reference ILIKE $3 || '%'
           OR n.item_title ILIKE $3 || '%' OR n.item_title ILIKE '% ' || $3 || '%')`;
    const params = [recipientId, query.unread ?? false, query.search ?? null];
    const rows = await sqlRows<NotificationRow>(
      db,
      `SELECT ${COLUMNS} FROM notifications n WHERE ${where}
        ORDER BY ${query.orderBy}
        LIMIT $4 OFFSET $5`,
      [...params, query.pageSize, offsetOf(query)],
    );
    const counts = await sqlRow<{ total: number; unread: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM notifications n WHERE ${where}) AS total,
              (SELECT count(*)::int FROM notifications WHERE recipient_id = $1 AND read_at IS NULL) AS unread`,
      params,
    );
    return { rows, total: counts?.total ?? 0, unread: counts?.unread ?? 0 };
  }

  /** Marks the recipient's notification read (once: the first time stays); null when not theirs. */
  markRead(db: SqlRunner, recipientId: string, id: string): Promise<NotificationRow | null> {
    return sqlRow<NotificationRow>(
      db,
      `UPDATE notifications n SET read_at = coalesce(n.read_at, now())
        WHERE n.id = $1 AND n.recipient_id = $2
        RETURNING ${COLUMNS}`,
      [id, recipientId],
    );
  }

  async markAllRead(db: SqlRunner, recipientId: string): Promise<number> {
    const rows = await sqlRows<{ id: string }>(
      db,
      `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL RETURNING id`,
      [recipientId],
    );
    return rows.length;
  }

  /**
   * The notifications waiting for a digest, locked (a second digest run skips them), with their
   * recipients; those whose recipient has since turned all mail off are let go (mail NONE) first.
   */
  async takeDigestEntries(db: SqlRunner): Promise<DigestEntry[]> {
    await sqlRows(
      db,
      `UPDATE notifications n SET mail = 'NONE'
         FROM notification_preferences p
        WHERE p.user_id = n.recipient_id AND p.mail_off
          AND n.mail = 'DIGEST' AND n.mail_message_id IS NULL`,
    );
    return sqlRows<DigestEntry>(
      db,
      `SELECT ${COLUMNS}, n.recipient_id AS "recipientId", u.email, u.name
         FROM notifications n JOIN identity_users_v u ON u.id = n.recipient_id
        WHERE n.mail = 'DIGEST' AND n.mail_message_id IS NULL AND u.active
        ORDER BY n.recipient_id, n.kind, n.created_at
        FOR UPDATE OF n SKIP LOCKED`,
    );
  }

  async attachMessage(db: SqlRunner, ids: readonly string[], messageId: string): Promise<void> {
    await sqlRows(db, `UPDATE notifications SET mail_message_id = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      messageId,
    ]);
  }
}
