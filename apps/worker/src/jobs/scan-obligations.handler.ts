import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName } from '@mptf/platform';
import { ObligationScanService } from '@mptf/programmes';

/** Fired daily by the obligation scheduler: tells agencies of reports due in 14 days or overdue. */
@Injectable()
@JobHandler(JobName.SCAN_OBLIGATIONS)
export class ScanObligationsHandler implements JobHandlerInstance<JobName.SCAN_OBLIGATIONS> {
  constructor(private readonly scan: ObligationScanService) {}

  handle(): Promise<{ due: number; overdue: number }> {
    return this.scan.scan();
  }
}
