import { SetMetadata } from '@nestjs/common';
import { JobName, JobPayload } from './job-catalogue';

export const JOB_HANDLER_METADATA = 'mptf:job-handler';

/** Marks a worker provider as the handler of one job of the catalogue. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER_METADATA, name);

export interface JobContext {
  jobId: string;
  attempt: number;
  updateProgress(progress: number): Promise<void>;
}

export interface JobHandlerInstance<N extends JobName = JobName> {
  handle(payload: JobPayload<N>, context: JobContext): Promise<unknown>;
}
