import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobProducer, OBLIGATION_SCAN_CRON } from '@mptf/platform';

/** Sets up the daily obligation scan's job scheduler when a worker starts (idempotent upsert). */
@Injectable()
export class ObligationScanRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('ObligationScan');

  constructor(private readonly jobs: JobProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.upsertObligationScanSchedule();
    this.logger.log(`Obligation scan schedule set: ${OBLIGATION_SCAN_CRON} (UTC)`);
  }
}
