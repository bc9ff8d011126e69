import { Injectable } from '@nestjs/common';
import { HeartbeatService, JobHandler, JobHandlerInstance, JobName, JobPayload } from '@mptf/platform';
import { hostname } from 'node:os';

/** Records that a worker processed the heartbeat: proof the queue path works end to end. */
@Injectable()
@JobHandler(JobName.HEARTBEAT)
export class HeartbeatHandler implements JobHandlerInstance<JobName.HEARTBEAT> {
  constructor(private readonly heartbeats: HeartbeatService) {}

  async handle(payload: JobPayload<JobName.HEARTBEAT>): Promise<{ processedBy: string }> {
    const processedBy = `${hostname()}:${process.pid}`;
    await this.heartbeats.recordProcessed(payload.heartbeatId, payload.requestedAt, processedBy);
    return { processedBy };
  }
}
