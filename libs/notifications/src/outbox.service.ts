import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Page, pageOf } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { orderByOf, prefixPattern } from './list-order';
import { BounceRow, OutboxRepository, OutboxRow, OutboxStatus } from './repositories/outbox.repository';

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
}

const OUTBOX_SORTABLE: Record<string, string> = {
  createdAt: 'created_at',
  status: 'status',
  to: 'to_address',
  subject: 'subject',
};

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
      orderBy: orderByOf(query.sort, OUTBOX_SORTABLE, 'created_at DESC, id DESC'),
    });
    return { ...pageOf(rows.map(toView), total, query), mode: this.config.mailMode };
  }

  async bounces(): Promise<BounceView[]> {
    const rows: BounceRow[] = await this.repository.bounces(this.dataSource);
    return rows.map((row) => ({
      address: row.address,
      user: row.userId ? { id: row.userId, name: row.userName } : null,
      smtpCode: row.smtpCode,
      response: row.response,
      messageId: row.messageId,
      bouncedAt: iso(row.bouncedAt) as string,
      count: row.count,
    }));
  }
}
