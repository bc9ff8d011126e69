import { Injectable } from '@nestjs/common';
import {
  JOB_DEFINITIONS,
  JobContext,
  JobHandler,
  JobHandlerInstance,
  JobName,
  JobPayload,
} from '@mptf/platform';
import { MailDeliveryService } from '@mptf/notifications';
import { UnrecoverableError } from 'bullmq';

/** Sends one outbox message; a refusal worth retrying throws, and BullMQ retries with backoff. */
@Injectable()
@JobHandler(JobName.SEND_MAIL)
export class SendMailHandler implements JobHandlerInstance<JobName.SEND_MAIL> {
  constructor(private readonly delivery: MailDeliveryService) {}

  async handle(payload: JobPayload<JobName.SEND_MAIL>, context: JobContext): Promise<{ status: string }> {
    if (typeof payload?.messageId !== 'string') throw new UnrecoverableError('send-mail needs a messageId');
    const status = await this.delivery.deliver(payload.messageId, {
      attempt: context.attempt,
      maxAttempts: JOB_DEFINITIONS[JobName.SEND_MAIL].attempts,
    });
    return { status };
  }
}
