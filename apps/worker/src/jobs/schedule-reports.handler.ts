import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName } from '@mptf/platform';
import { ReportScheduleService } from '@mptf/reporting';

/** Fired by the report job scheduler (daily): creates the scheduled runs that are due. */
@Injectable()
@JobHandler(JobName.SCHEDULE_REPORTS)
export class ScheduleReportsHandler implements JobHandlerInstance<JobName.SCHEDULE_REPORTS> {
  constructor(private readonly schedule: ReportScheduleService) {}

  async handle(): Promise<{ created: string[] }> {
    const created = await this.schedule.runOnce();
    return { created: created.map((run) => run.id) };
  }
}
