import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@mptf/platform';
import { DataSource } from 'typeorm';
import { ObligationStatus } from './obligation-schedule';
import { ObligationsRepository } from './obligations.repository';
import { ProgrammeNotices } from './programme-notices';

/** How many days ahead an agency is told that a report falls due. */
export const DUE_NOTICE_DAYS = 14;

/**
 * The daily scan (the worker's scan-obligations job): tells each agency, once, that a report of
 * its falls due within 14 days, and once that it is overdue. Each obligation is told and marked in
 * one transaction, so a scan run twice (or by two workers) tells nobody twice.
 */
@Injectable()
export class ObligationScanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly obligations: ObligationsRepository,
    private readonly notices: ProgrammeNotices,
    private readonly clock: Clock,
  ) {}

  async scan(): Promise<{ due: number; overdue: number }> {
    const today = this.clock.today();
    const pending = await this.obligations.noticesDue(this.dataSource.manager, today, DUE_NOTICE_DAYS);
    const told = { due: 0, overdue: 0 };
    for (const obligation of pending) {
      await this.dataSource.transaction(async (manager) => {
        // Re-read under a row lock: another scan may have told it meanwhile.
        const overdue = obligation.status === ObligationStatus.OVERDUE;
        if (await this.obligations.lockNotified(manager, obligation.id, obligation.status)) return;
        await this.notices.obligation(manager, obligation);
        await this.obligations.markNotified(manager, obligation.id, obligation.status, today);
        told[overdue ? 'overdue' : 'due'] += 1;
      });
    }
    return told;
  }
}
