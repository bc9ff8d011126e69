import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName } from '@mptf/platform';
import { MailDeliveryService } from '@mptf/notifications';

/** Fired by the digest scheduler (daily): one digest per user from what waits for it. */
@Injectable()
@JobHandler(JobName.SEND_DIGESTS)
export class SendDigestsHandler implements JobHandlerInstance<JobName.SEND_DIGESTS> {
  constructor(private readonly delivery: MailDeliveryService) {}

  handle(): Promise<{ digests: string[]; requeued: string[] }> {
    return this.delivery.sendDigests();
  }
}
