import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BindParam, offsetOf, positionalParams, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { orderByOf } from '../list-order';

/** BLOCKED: not sent, the address bounced before and the admin has not cleared it. */
export type OutboxStatus = 'PENDING' | 'SENT' | 'KEPT' | 'BOUNCED' | 'FAILED' | 'BLOCKED';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'PENDING',
  'SENT',
  'KEPT',
  'BOUNCED',
  'FAILED',
  'BLOCKED',
];

const OUTBOX_SORTABLE: Record<string, string> = {
  createdAt: 'created_at',
  status: 'status',
  to: 'to_address',
  subject: 'subject',
};

/** `sort=` (createdAt, status, to, subject) as ORDER BY terms, newest first after them. */
export function outboxOrder(sort: string | undefined): string {
  return orderByOf(sort, OUTBOX_SORTABLE, 'created_at DESC, id DESC');
}

export interface NewMessage {
  recipientId: string | null;
  toAddress: string;
  subject: string;
  body: string;
  kind: 'IMMEDIATE' | 'DIGEST';
}

export interface OutboxRow extends NewMessage {
  id: string;
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface BounceRow {
  address: string;
  userId: string | null;
  userName: string | null;
  smtpCode: number;
  response: string;
  messageId: string | null;
  bouncedAt: Date;
  count: number;
  clearedAt: Date | null;
  clearedBy: string | null;
}

const COLUMNS = `id, recipient_id AS "recipientId", to_address AS "toAddress", subject, body, kind, status,
  attempts, error, created_at AS "createdAt", sent_at AS "sentAt"`;

/** Messages to be written by a statement: their ids (made here, in the order given) and the INSERT. */
export interface OutboxWrite {
  ids: string[];
  /** The INSERT with its values bound through the statement's `param` (a CTE's body). */
  sql(param: BindParam): string;
}

/** `messages` as a write: by `addMany`, and beside the notifications that point at them. */
export function outboxWrite(messages: readonly NewMessage[]): OutboxWrite {
  const ids = messages.map(() => randomUUID());
  return {
    ids,
    sql: (param) => {
      const column = <K extends keyof NewMessage>(key: K, type: string) =>
        `${param(messages.map((message) => message[key]))}::${type}[]`;
      return `INSERT INTO outbox (id, recipient_id, to_address, subject, body, kind)
       SELECT * FROM unnest(${param(ids)}::uuid[], ${column('recipientId', 'uuid')}, ${column('toAddress', 'text')},
                            ${column('subject', 'text')}, ${column('body', 'text')}, ${column('kind', 'text')})`;
    },
  };
}

/** The outbox (every message composed, and what became of it) and the addresses that bounced. */
@Injectable()
export class OutboxRepository {
  /** Adds the messages; returns their ids in the order given (made here, so the order is certain). */
  async addMany(db: SqlRunner, messages: readonly NewMessage[]): Promise<string[]> {
    if (!messages.length) return [];
    const params: unknown[] = [];
    const write = outboxWrite(messages);
    await sqlRows(db, write.sql(positionalParams(params)), params);
    return write.ids;
  }

  find(db: SqlRunner, id: string): Promise<OutboxRow | null> {
    return sqlRow<OutboxRow>(db, `SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id]);
  }

  /** Moves a PENDING message to its outcome; false when it was no longer pending. */
  async settle(
    db: SqlRunner,
    id: string,
    status: Exclude<OutboxStatus, 'PENDING'>,
    error: string | null = null,
  ): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      db,
      `UPDATE outbox SET status = $2, error = $3, attempts = attempts + 1,
              sent_at = CASE WHEN $2 IN ('SENT', 'KEPT') THEN now() END
        WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [id, status, error],
    );
    return rows.length > 0;
  }

  /** A failed attempt that will be retried. */
  async recordAttempt(db: SqlRunner, id: string, error: string): Promise<void> {
    await sqlRows(db, `UPDATE outbox SET attempts = attempts + 1, error = $2 WHERE id = $1`, [id, error]);
  }

  /** Messages still PENDING after `olderThanSeconds`: their job was lost (queue down at commit). */
  stalePending(db: SqlRunner, olderThanSeconds: number): Promise<string[]> {
    return sqlRows<{ id: string }, string>(
      db,
      `SELECT id FROM outbox WHERE status = 'PENDING' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 1000`,
      [olderThanSeconds],
      (row) => row.id,
    );
  }

  /** `search` is an escaped LIKE prefix of the address or of a word of the subject. */
  async page(
    db: SqlRunner,
    query: {
      page: number;
      pageSize: number;
      status?: OutboxStatus;
      to?: string;
      search?: string | null;
      orderBy: string;
    },
  ): Promise<[OutboxRow[], number]> {
    const params: unknown[] = [query.status ?? null, query.to?.toLowerCase() ?? null, query.search ?? null];
    const where = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR lower(to_address) = $2)
      AND ($3::text IS NULL OR to_address ILIKE $3 || '%' OR subject ILIKE $3 || '%' OR subject ILIKE '% ' || $3 || '%')`;
    const rows = await sqlRows<OutboxRow>(
      db,
      `SELECT ${COLUMNS} FROM outbox WHERE ${where} ORDER BY ${query.orderBy} LIMIT $4 OFFSET $5`,
      [...params, query.pageSize, offsetOf(query)],
    );
    const count = await sqlRow<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM outbox WHERE ${where}`,
      params,
    );
    return [rows, count?.n ?? 0];
  }

  async recordBounce(
    db: SqlRunner,
    bounce: { address: string; userId: string | null; smtpCode: number; response: string; messageId: string },
  ): Promise<void> {
    await sqlRows(
      db,
      `INSERT INTO mail_bounces (address, user_id, smtp_code, response, message_id)
       VALUES (lower($1), $2, $3, $4, $5)
       ON CONFLICT (address) DO UPDATE
         SET smtp_code = EXCLUDED.smtp_code, response = EXCLUDED.response, message_id = EXCLUDED.message_id,
             user_id = coalesce(EXCLUDED.user_id, mail_bounces.user_id), bounced_at = now(),
             count = mail_bounces.count + 1, cleared_at = NULL, cleared_by = NULL`,
      [bounce.address, bounce.userId, bounce.smtpCode, bounce.response, bounce.messageId],
    );
  }

  bounces(db: SqlRunner, address?: string): Promise<BounceRow[]> {
    return sqlRows<BounceRow>(
      db,
      `SELECT b.address, b.user_id AS "userId", u.name AS "userName", b.smtp_code AS "smtpCode",
              b.response, b.message_id AS "messageId", b.bounced_at AS "bouncedAt", b.count,
              b.cleared_at AS "clearedAt", b.cleared_by AS "clearedBy"
         FROM mail_bounces b LEFT JOIN identity_users_v u ON u.id = b.user_id
        WHERE $1::text IS NULL OR b.address = lower($1)
        ORDER BY b.bounced_at DESC`,
      [address ?? null],
    );
  }

  /** Whether the address bounced and the admin has not cleared it since: no mail goes to it. */
  async isBlocked(db: SqlRunner, address: string): Promise<boolean> {
    const row = await sqlRow<{ blocked: boolean }>(
      db,
      `SELECT true AS blocked FROM mail_bounces WHERE address = lower($1) AND cleared_at IS NULL`,
      [address],
    );
    return row !== null;
  }

  /** The admin clears a bounce: mail goes to the address again. False for an unknown address. */
  async clearBounce(db: SqlRunner, address: string, userId: string): Promise<boolean> {
    const rows = await sqlRows<{ address: string }>(
      db,
      `UPDATE mail_bounces SET cleared_at = coalesce(cleared_at, now()), cleared_by = coalesce(cleared_by, $2)
        WHERE address = lower($1) RETURNING address`,
      [address, userId],
    );
    return rows.length > 0;
  }
}
