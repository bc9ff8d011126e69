import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobProducer } from '@mptf/platform';

/**
 * Sets up the BullMQ job scheduler of the report schedule when a worker starts. Upserting is
 * idempotent, and BullMQ fires one job per tick however many workers run.
 */
@Injectable()
export class ReportScheduleRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportSchedule');

  constructor(
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.upsertReportSchedule(this.config.env.REPORT_SCHEDULE_CRON);
    this.logger.log(`Report schedule set: ${this.config.env.REPORT_SCHEDULE_CRON} (UTC)`);
  }
}
