import { JobProducer } from '@mptf/platform';
import { DataSource, EntityManager, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { MailQueue } from './mail-queue';

function setUp() {
  const calls: string[] = [];
  const jobs = {
    sendMail: jest.fn(async ({ messageId }: { messageId: string }) => {
      calls.push(`look, then queue ${messageId}`);
      return `mail-${messageId}`;
    }),
    sendNewMail: jest.fn(async ({ messageId }: { messageId: string }) => {
      calls.push(`queue ${messageId}`);
      return `mail-${messageId}`;
    }),
  };
  const queue = new MailQueue({ subscribers: [] } as unknown as DataSource, jobs as unknown as JobProducer);
  return { queue, calls };
}

describe('MailQueue', () => {
  it('queues the messages a statement just wrote without looking for a job first (one Redis round trip)', async () => {
    const { queue, calls } = setUp();
    await queue.afterCommit({ queryRunner: undefined } as EntityManager, ['m1', 'm2']);
    expect(calls).toEqual(['queue m1', 'queue m2']);
  });

  it("queues a transaction's messages once it commits, the same way, and none after a rollback", async () => {
    const { queue, calls } = setUp();
    const runner = { isTransactionActive: true };
    await queue.afterCommit({ queryRunner: runner as QueryRunner } as EntityManager, ['m1']);
    expect(calls).toEqual([]);
    runner.isTransactionActive = false;
    await queue.afterTransactionCommit({ queryRunner: runner as QueryRunner } as TransactionCommitEvent);
    expect(calls).toEqual(['queue m1']);

    const rolledBack = { isTransactionActive: true };
    await queue.afterCommit({ queryRunner: rolledBack as QueryRunner } as EntityManager, ['m2']);
    rolledBack.isTransactionActive = false;
    queue.afterTransactionRollback({ queryRunner: rolledBack } as never);
    await queue.afterTransactionCommit({ queryRunner: rolledBack as QueryRunner } as TransactionCommitEvent);
    expect(calls).toEqual(['queue m1']);
  });

  it('looks for an existing job before queueing a message again (the digest run requeues stale ones)', async () => {
    const { queue, calls } = setUp();
    await queue.enqueue(['stale']);
    expect(calls).toEqual(['look, then queue stale']);
  });
});
