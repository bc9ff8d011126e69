import { Injectable } from '@nestjs/common';
import {
  JOB_DEFINITIONS,
  JobContext,
  JobHandler,
  JobHandlerInstance,
  JobName,
  JobPayload,
} from '@mptf/platform';
import { GenerationOutcome, ReportGenerationError, ReportGenerator } from '@mptf/reporting';
import { UnrecoverableError } from 'bullmq';
import { hostname } from 'node:os';

/** Generates one report run. Thin: the generator does the work; errors that retrying cannot fix stop the retries. */
@Injectable()
@JobHandler(JobName.GENERATE_REPORT)
export class GenerateReportHandler implements JobHandlerInstance<JobName.GENERATE_REPORT> {
  private readonly worker = `${hostname()}:${process.pid}`;

  constructor(private readonly generator: ReportGenerator) {}

  async handle(
    payload: JobPayload<JobName.GENERATE_REPORT>,
    context: JobContext,
  ): Promise<GenerationOutcome> {
    if (typeof payload?.runId !== 'string') throw new UnrecoverableError('generate-report needs a runId');
    try {
      return await this.generator.generate(payload.runId, {
        attempt: context.attempt,
        maxAttempts: JOB_DEFINITIONS[JobName.GENERATE_REPORT].attempts,
        worker: this.worker,
        progress: (percent) => context.updateProgress(percent),
      });
    } catch (error) {
      if (error instanceof ReportGenerationError && error.permanent)
        throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
