import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobProducer } from '@mptf/platform';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/**
 * Queues the mail job of each message once the transaction that wrote the message commits: a
 * job queued earlier could run before the row is visible, and one for a rolled-back message
 * would send mail about something that did not happen. Registered as a TypeORM subscriber for
 * the commit and rollback events. If queueing fails after the commit (queue down), the message
 * stays PENDING and the next digest run queues it again.
 */
@Injectable()
export class MailQueue implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger('MailQueue');
  private readonly pending = new WeakMap<QueryRunner, string[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  /** Queues the messages after `manager`'s transaction commits (at once outside a transaction). */
  async afterCommit(manager: EntityManager, messageIds: readonly string[]): Promise<void> {
    if (!messageIds.length) return;
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const list = this.pending.get(runner) ?? [];
      list.push(...messageIds);
      this.pending.set(runner, list);
      return;
    }
    await this.enqueue(messageIds, { written: true });
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    if (runner.isTransactionActive) return; // a savepoint released; the outer transaction decides
    const ids = this.pending.get(runner);
    if (!ids) return;
    this.pending.delete(runner);
    await this.enqueue(ids, { written: true });
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  /**
   * Never throws: the caller's change is committed; a lost job is recovered by the digest run.
   * `written`: the messages were just written (new ids, no job yet), queued without looking for one.
   */
  async enqueue(messageIds: readonly string[], { written = false } = {}): Promise<void> {
    for (const messageId of messageIds) {
      try {
        if (written) await this.jobs.sendNewMail({ messageId });
        else await this.jobs.sendMail({ messageId });
      } catch (error) {
        this.logger.warn({ messageId, err: error }, 'could not queue a mail job; the digest run will retry');
      }
    }
  }
}
