import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@mptf/identity';
import { AppConfig, NotFoundError, Page, pageOf } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { prefixPattern } from './list-order';
import { composeImmediate } from './mail/mail-composer';
import { MailQueue } from './mail/mail-queue';
import { DEFAULT_DELIVERY, KIND_CATALOGUE, MailDelivery, NotificationKind } from './notification-kinds';
import type { NotifyInput, NotifyResult } from './notify.types';
import {
  MailMode,
  NewNotification,
  notificationOrder,
  NotificationRepository,
  NotificationRow,
} from './repositories/notification.repository';
import { outboxWrite } from './repositories/outbox.repository';
import type { PreferenceRow } from './repositories/preference.repository';
import { Recipient, RecipientRepository } from './repositories/recipient.repository';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** The kind in words (the bell shows it). */
  label: string;
  item: { type: string; id: string; reference: string | null; title: string | null };
  reference: string | null;
  link: string;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<NotificationView> {
  /** The caller's unread notifications, whatever the filter (the bell's count). */
  unread: number;
}

export interface NotificationListQuery {
  page: number;
  pageSize: number;
  unread?: boolean;
  /** `createdAt`, `kind`, `read`, each optionally with `-` (descending), comma-separated. */
  sort?: string;
  /** Searches the item's reference and title (words starting with it). */
  q?: string;
}

/** A user's mail delivery of a kind, from their preferences (all off wins). */
export function deliveryOf(preferences: PreferenceRow | undefined, kind: NotificationKind): MailDelivery {
  if (preferences?.mailOff) return MailDelivery.OFF;
  return preferences?.deliveries[kind] ?? DEFAULT_DELIVERY;
}

function toView(row: NotificationRow): NotificationView {
  const kind = row.kind as NotificationKind;
  return {
    id: row.id,
    kind,
    label: KIND_CATALOGUE[kind]?.label ?? row.kind,
    item: { type: row.itemType, id: row.itemId, reference: row.itemReference, title: row.itemTitle },
    reference: row.itemReference,
    link: row.link,
    read: row.readAt !== null,
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

const MAIL_MODE: Record<MailDelivery, MailMode> = {
  [MailDelivery.OFF]: 'NONE',
  [MailDelivery.IMMEDIATE]: 'IMMEDIATE',
  [MailDelivery.DIGEST]: 'DIGEST',
};

/**
 * Tells people that something waits for them: a notification in their bell, and mail (at once or
 * in the daily digest) as their preferences say. Other libs call `notify` inside the transaction
 * of the change, so the notification exists exactly when the change does.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: RecipientRepository,
    private readonly notifications: NotificationRepository,
    private readonly mailQueue: MailQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Notifies the recipients of an event. With `manager`, writes in the caller's transaction and
   * queues the immediate mail once it commits; without, in a transaction of its own.
   */
  async notify(input: NotifyInput, manager?: EntityManager): Promise<NotifyResult> {
    if (!manager) return this.dataSource.transaction((own) => this.notify(input, own));
    // The recipients with their preferences, then the notifications with their mail: two round trips.
    const people = await this.recipients.resolve(manager, input.recipients);
    if (!people.length) return { recipientIds: [] };
    const deliveries = people.map((person) => deliveryOf(person.preferences ?? undefined, input.kind));
    const immediate = people.filter((_person, index) => deliveries[index] === MailDelivery.IMMEDIATE);
    const messages = outboxWrite(immediate.map((person) => this.immediateMessage(person, input)));
    const messageIds = messages.ids;
    const messageOf = new Map(immediate.map((person, index) => [person.id, messageIds[index]]));
    await this.notifications.addWithMessages(
      manager,
      people.map((person, index): NewNotification => ({
        recipientId: person.id,
        kind: input.kind,
        itemType: input.item.type,
        itemId: input.item.id,
        itemReference: input.item.reference ?? null,
        itemTitle: input.item.title ?? null,
        link: input.link,
        mail: MAIL_MODE[deliveries[index]],
        mailMessageId: messageOf.get(person.id) ?? null,
      })),
      messages,
    );
    await this.mailQueue.afterCommit(manager, messageIds);
    return { recipientIds: people.map((person) => person.id) };
  }

  /** The caller's notifications, newest first unless `sort` says otherwise. */
  async list(user: AuthUser, query: NotificationListQuery): Promise<NotificationPage> {
    const orderBy = notificationOrder(query.sort);
    const { rows, total, unread } = await this.notifications.page(this.dataSource, user.id, {
      page: query.page,
      pageSize: query.pageSize,
      unread: query.unread,
      search: prefixPattern(query.q),
      orderBy,
    });
    return { ...pageOf(rows.map(toView), total, query), unread };
  }

  /** Marks one of the caller's notifications read; another user's is a 404 (it is not theirs to see). */
  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    const row = await this.notifications.markRead(this.dataSource, user.id, id);
    if (!row) throw new NotFoundError('Notification', id);
    return toView(row);
  }

  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(this.dataSource, user.id) };
  }

  private immediateMessage(person: Recipient, input: NotifyInput) {
    const mail = composeImmediate(
      person,
      {
        kind: input.kind,
        reference: input.item.reference ?? null,
        title: input.item.title ?? null,
        link: input.link,
      },
      this.config.env.PUBLIC_URL,
    );
    return {
      recipientId: person.id,
      toAddress: person.email,
      subject: mail.subject,
      body: mail.body,
      kind: 'IMMEDIATE' as const,
    };
  }
}
