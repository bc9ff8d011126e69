import { Injectable } from '@nestjs/common';
import { Role } from '@mptf/identity';
import { NotificationKind, NotificationsService } from '@mptf/notifications';
import { MeetingsService } from '@mptf/review';
import { EntityManager } from 'typeorm';
import { ReportRun } from './report-run.entity';
import { ReportType, TYPE_SLUGS } from './report-types';

const itemOf = (run: ReportRun) => ({
  type: 'report-run',
  id: run.id,
  reference: `${TYPE_SLUGS[run.type]}${run.parameters.year ? `-${run.parameters.year}` : ''}.${run.format}`,
  title: run.type
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^\w/, (first) => first.toUpperCase()),
});

/**
 * Who the worker tells when a run ends, in the transaction that records the outcome: who asked
 * for it (scheduled runs have nobody), and for a decision pack that succeeded, the Committee.
 */
@Injectable()
export class ReportNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly meetings: MeetingsService,
  ) {}

  async finished(manager: EntityManager, runId: string): Promise<void> {
    const run = await manager.findOneOrFail(ReportRun, { where: { id: runId } });
    if (run.requestedBy)
      await this.notifications.notify(
        {
          kind: NotificationKind.REPORT_FINISHED,
          recipients: { userIds: [run.requestedBy] },
          item: itemOf(run),
          link: `/reports?run=${run.id}`,
        },
        manager,
      );
    const meetingId = run.parameters.meetingId;
    if (run.type !== ReportType.DECISION_PACK || !meetingId) return;
    const meeting = await this.meetings.find(manager, meetingId);
    if (!meeting) return;
    await this.notifications.notify(
      {
        kind: NotificationKind.MEETING_PACK_READY,
        recipients: { roles: [Role.SC_MEMBER, Role.SC_CHAIR] },
        item: { type: 'sc-meeting', id: meeting.id, reference: meeting.date, title: meeting.title },
        link: `/meetings/${meeting.id}`,
      },
      manager,
    );
  }

  async failed(manager: EntityManager, runId: string): Promise<void> {
    const run = await manager.findOne(ReportRun, { where: { id: runId } });
    if (!run?.requestedBy) return;
    await this.notifications.notify(
      {
        kind: NotificationKind.REPORT_FAILED,
        recipients: { userIds: [run.requestedBy] },
        item: itemOf(run),
        link: `/reports?run=${run.id}`,
      },
      manager,
    );
  }
}
