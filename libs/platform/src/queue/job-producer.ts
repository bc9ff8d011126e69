import { Injectable } from '@nestjs/common';
import { JOB_DEFINITIONS, JobName, JobPayload } from './job-catalogue';
import { QueueConnection } from './queue-connection';

/** One producer method per job. Job ids are deterministic so a repeated request enqueues once. */
@Injectable()
export class JobProducer {
  constructor(private readonly connection: QueueConnection) {}

  heartbeat(payload: JobPayload<JobName.HEARTBEAT>): Promise<string> {
    return this.add(JobName.HEARTBEAT, payload, `heartbeat-${payload.heartbeatId}`);
  }

  private async add<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<string> {
    const definition = JOB_DEFINITIONS[name];
    const job = await this.connection.queue(definition.queue).add(name, payload, {
      jobId,
      attempts: definition.attempts,
      backoff: { type: 'exponential', delay: definition.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      // Failed jobs stay for inspection.
      removeOnFail: false,
    });
    return job.id ?? jobId;
  }
}
