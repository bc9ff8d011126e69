import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { ReportRunView } from '../runs/report-run.entity';
import { ReportsService } from '../runs/reports.service';
import { scheduledReportsDue } from './report-schedule';

/** Runs the report schedule once: creates (and enqueues) the scheduled runs due today. */
@Injectable()
export class ReportScheduleService {
  private readonly logger = new Logger('ReportSchedule');

  constructor(
    private readonly reports: ReportsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  async runOnce(): Promise<ReportRunView[]> {
    const settings = await this.reference.fundSettings();
    const due = scheduledReportsDue(this.clock.now(), settings);
    const created = await this.reports.createScheduled(due);
    this.logger.log(
      { due: due.map((entry) => entry.scheduleKey), created: created.map((run) => run.id) },
      'report schedule checked',
    );
    return created;
  }
}
