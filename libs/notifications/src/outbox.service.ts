import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { AppConfig, NotFoundError, Page, pageOf } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { prefixPattern } from './list-order';
import {
  BounceRow,
  outboxOrder,
  OutboxRepository,
  OutboxRow,
  OutboxStatus,
} from './repositories/outbox.repository';

export interface OutboxMessageView {
  id: string;
  recipientId: string | null;
  to: string;
  subject: string;
  body: string;
  kind: 'IMMEDIATE' | 'DIGEST';
  status: OutboxStatus;
  attempts: number;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage extends Page<OutboxMessageView> {
  /** Where mail goes: an SMTP server (SMTP_URL) or kept here (the embedded default). */
  mode: 'smtp' | 'outbox';
}

export interface BounceView {
  address: string;
  user: { id: string; name: string | null } | null;
  smtpCode: number;
  response: string;
  messageId: string | null;
  bouncedAt: string;
  count: number;
  /** True until the admin clears it: no mail goes to a blocked address. */
  blocked: boolean;
  clearedAt: string | null;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function toView(row: OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    recipientId: row.recipientId,
    to: row.toAddress,
    subject: row.subject,
    body: row.body,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    createdAt: iso(row.createdAt) as string,
    sentAt: iso(row.sentAt),
  };
}

/** The admin's reading of the outbox: every message and what became of it, and bounced addresses. */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: OutboxRepository,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Newest first unless `sort` (createdAt, status, to, subject) says otherwise; `q` searches address and subject. */
  async list(query: {
    page: number;
    pageSize: number;
    status?: OutboxStatus;
    to?: string;
    q?: string;
    sort?: string;
  }): Promise<OutboxPage> {
    const [rows, total] = await this.repository.page(this.dataSource, {
      ...query,
      search: prefixPattern(query.q),
      orderBy: outboxOrder(query.sort),
    });
    return { ...pageOf(rows.map(toView), total, query), mode: this.config.mailMode };
  }

  async bounces(): Promise<BounceView[]> {
    const rows: BounceRow[] = await this.repository.bounces(this.dataSource);
    return rows.map(toBounceView);
  }

  /** The admin clears a bounced address (the mailbox was fixed): mail goes to it again. */
  async clearBounce(user: AuthUser, address: string): Promise<BounceView> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await this.repository.bounces(manager, address);
      if (!before || !(await this.repository.clearBounce(manager, address, user.id)))
        throw new NotFoundError('Bounced address', address);
      const [after] = await this.repository.bounces(manager, address);
      await this.audit.record(manager, {
        actor: user,
        action: 'mail-bounce.clear',
        entityType: 'mail_bounce',
        entityId: before.address,
        before: { address: before.address, clearedAt: iso(before.clearedAt) },
        after: { address: after.address, clearedAt: iso(after.clearedAt) },
      });
      return toBounceView(after);
    });
  }
}

function toBounceView(row: BounceRow): BounceView {
  return {
    address: row.address,
    user: row.userId ? { id: row.userId, name: row.userName } : null,
    smtpCode: row.smtpCode,
    response: row.response,
    messageId: row.messageId,
    bouncedAt: iso(row.bouncedAt) as string,
    count: row.count,
    blocked: row.clearedAt === null,
    clearedAt: iso(row.clearedAt),
  };
}
