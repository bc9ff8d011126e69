import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { NotificationKind } from '../notification-kinds';
import { DigestEntry, NotificationRepository } from '../repositories/notification.repository';
import { OutboxRepository, OutboxStatus } from '../repositories/outbox.repository';
import { composeDigest } from './mail-composer';
import { MailQueue } from './mail-queue';
import { isPermanentRefusal, MailTransport, SmtpRefusal } from './mail-transport';

export interface DeliveryAttempt {
  attempt: number;
  maxAttempts: number;
}

/** Thrown for a refusal worth retrying (4xx, network): the job's retries take over. */
export class TransientMailError extends Error {}

/** Messages still pending this long had their job lost: the digest run queues them again. */
const STALE_PENDING_SECONDS = 300;

/**
 * The worker's side of mail: sends one outbox message (or keeps it when no SMTP server is set),
 * records a permanent refusal as a bounce, and composes the daily digests.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger('Mail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly notifications: NotificationRepository,
    private readonly transport: MailTransport,
    private readonly mailQueue: MailQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Sends one message. Idempotent: a message no longer PENDING is left alone. A 5xx answer marks
   * it BOUNCED and records the address; any other failure throws TransientMailError (retried),
   * and on the last attempt marks it FAILED.
   */
  async deliver(messageId: string, attempt: DeliveryAttempt): Promise<OutboxStatus | 'MISSING'> {
    const message = await this.outbox.find(this.dataSource, messageId);
    if (!message) return 'MISSING';
    if (message.status !== 'PENDING') return message.status;
    // A bounced address gets nothing more until the admin clears it (a retry would bounce again).
    if (await this.outbox.isBlocked(this.dataSource, message.toAddress)) {
      await this.outbox.settle(
        this.dataSource,
        messageId,
        'BLOCKED',
        'address bounced before; cleared by the admin only',
      );
      return 'BLOCKED';
    }
    if (!this.transport.configured) {
      await this.outbox.settle(this.dataSource, messageId, 'KEPT');
      return 'KEPT';
    }
    try {
      await this.transport.send({ to: message.toAddress, subject: message.subject, text: message.body });
    } catch (caught) {
      const error = caught as SmtpRefusal;
      const text = error.response ?? error.message;
      if (isPermanentRefusal(error)) {
        await this.dataSource.transaction(async (manager) => {
          await this.outbox.settle(manager, messageId, 'BOUNCED', text);
          await this.outbox.recordBounce(manager, {
            address: message.toAddress,
            userId: message.recipientId,
            smtpCode: error.responseCode as number,
            response: text,
            messageId,
          });
        });
        this.logger.warn({ messageId, to: message.toAddress, code: error.responseCode }, 'mail bounced');
        return 'BOUNCED';
      }
      if (attempt.attempt >= attempt.maxAttempts)
        await this.outbox.settle(this.dataSource, messageId, 'FAILED', text);
      else await this.outbox.recordAttempt(this.dataSource, messageId, text);
      throw new TransientMailError(`mail ${messageId} to ${message.toAddress} not sent: ${text}`);
    }
    await this.outbox.settle(this.dataSource, messageId, 'SENT');
    return 'SENT';
  }

  /**
   * Composes one digest per user from the notifications waiting for it, marks them carried by it,
   * and queues the digests once committed; then queues again any message whose job was lost.
   */
  async sendDigests(): Promise<{ digests: string[]; requeued: string[] }> {
    const digests = await this.dataSource.transaction(async (manager) => {
      const entries = await this.notifications.takeDigestEntries(manager);
      const ids: string[] = [];
      for (const group of byRecipient(entries)) {
        const [first] = group;
        const mail = composeDigest(
          first,
          group.map((entry) => ({
            kind: entry.kind as NotificationKind,
            reference: entry.itemReference,
            title: entry.itemTitle,
            link: entry.link,
          })),
          this.config.env.PUBLIC_URL,
        );
        const [messageId] = await this.outbox.addMany(manager, [
          {
            recipientId: first.recipientId,
            toAddress: first.email,
            subject: mail.subject,
            body: mail.body,
            kind: 'DIGEST',
          },
        ]);
        await this.notifications.attachMessage(
          manager,
          group.map((entry) => entry.id),
          messageId,
        );
        ids.push(messageId);
      }
      return ids;
    });
    await this.mailQueue.enqueue(digests);
    const requeued = await this.outbox.stalePending(this.dataSource, STALE_PENDING_SECONDS);
    const fresh = new Set(digests);
    const lost = requeued.filter((id) => !fresh.has(id));
    await this.mailQueue.enqueue(lost);
    return { digests, requeued: lost };
  }
}

function byRecipient(entries: readonly DigestEntry[]): DigestEntry[][] {
  const groups = new Map<string, DigestEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.recipientId) ?? [];
    group.push(entry);
    groups.set(entry.recipientId, group);
  }
  return [...groups.values()];
}
