import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobProducer } from '@mptf/platform';

/** Sets up the job scheduler of the daily mail digest (MAIL_DIGEST_CRON, UTC) when a worker starts. */
@Injectable()
export class DigestScheduleRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('DigestSchedule');

  constructor(
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.upsertDigestSchedule(this.config.env.MAIL_DIGEST_CRON);
    this.logger.log(`Mail digest schedule set: ${this.config.env.MAIL_DIGEST_CRON} (UTC)`);
  }
}
