import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { NotificationKind, NotificationsService } from '@mptf/notifications';
import { EntityManager } from 'typeorm';
import { ObligationKind, ObligationStatus } from './obligation-schedule';
import type { ProgrammeFacts } from './programme-facts.repository';
import type { ProgressReportRow } from './progress-reports.repository';
import type { RevisionRow } from './revisions.repository';

const REPORT_LABEL: Record<ObligationKind, string> = {
  ANNUAL_NARRATIVE: 'Annual narrative report',
  ANNUAL_FINANCIAL: 'Annual financial report',
  FINAL_NARRATIVE: 'Final narrative report',
  FINAL_FINANCIAL: 'Final financial report',
};

const REVISION_LABEL: Record<string, string> = {
  NO_COST_EXTENSION: 'no-cost extension',
  BUDGET_REVISION: 'budget revision',
  COST_EXTENSION: 'cost extension',
};

function reportItem(report: Pick<ProgressReportRow, 'id' | 'reference' | 'kind' | 'year'>) {
  return {
    type: 'progress-report',
    id: report.id,
    reference: report.reference,
    title: `${REPORT_LABEL[report.kind as ObligationKind]}${report.year ? ` ${report.year}` : ''}`,
  };
}

/** Who is told of the programme work, in the transaction of the change (the notifications lib). */
@Injectable()
export class ProgrammeNotices {
  constructor(private readonly notifications: NotificationsService) {}

  /** A progress report submitted: the fund unit reviews it. */
  async reportSubmitted(manager: EntityManager, report: ProgressReportRow, actor: AuthUser): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.PROGRESS_REPORT_SUBMITTED,
        recipients: { roles: [Role.FMU_OFFICER], exceptUserIds: [actor.id] },
        item: reportItem(report),
        link: `/progress-reports/${report.id}`,
      },
      manager,
    );
  }

  /** Returned: the focal points of the programme's agencies (they write its sections). */
  async reportReturned(
    manager: EntityManager,
    report: ProgressReportRow,
    facts: ProgrammeFacts,
    actor: AuthUser,
  ): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.PROGRESS_REPORT_RETURNED,
        recipients: {
          organizations: { ids: facts.punos.map((p) => p.id), roles: [Role.AGENCY_FOCAL_POINT] },
          exceptUserIds: [actor.id],
        },
        item: reportItem(report),
        link: `/progress-reports/${report.id}`,
      },
      manager,
    );
  }

  /** A revision requested: the fund unit decides it or puts it before the Committee. */
  async revisionSubmitted(manager: EntityManager, revision: RevisionRow, actor: AuthUser): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.REVISION_SUBMITTED,
        recipients: { roles: [Role.FMU_OFFICER], exceptUserIds: [actor.id] },
        item: {
          type: 'programme-revision',
          id: revision.id,
          reference: revision.reference,
          title: `Revision ${revision.number}: ${REVISION_LABEL[revision.kind]}`,
        },
        link: `/programmes/${revision.programmeId}/work`,
      },
      manager,
    );
  }

  /** Decided: the focal points of the programme's agencies. */
  async revisionDecided(
    manager: EntityManager,
    revision: RevisionRow,
    facts: ProgrammeFacts,
    actor: AuthUser,
  ): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.REVISION_DECIDED,
        recipients: {
          organizations: { ids: facts.punos.map((p) => p.id), roles: [Role.AGENCY_FOCAL_POINT] },
          exceptUserIds: [actor.id],
        },
        item: {
          type: 'programme-revision',
          id: revision.id,
          reference: revision.reference,
          title: `Revision ${revision.number}: ${REVISION_LABEL[revision.kind]}`,
        },
        link: `/programmes/${revision.programmeId}/work`,
      },
      manager,
    );
  }

  /** An obligation due soon or overdue: the focal points of the agency responsible for it. */
  async obligation(
    manager: EntityManager,
    obligation: {
      id: string;
      programmeId: string;
      reference: string;
      kind: ObligationKind;
      year: number | null;
      dueDate: string;
      status: ObligationStatus;
      organizationId: string;
    },
  ): Promise<string[]> {
    const overdue = obligation.status === ObligationStatus.OVERDUE;
    const { recipientIds } = await this.notifications.notify(
      {
        kind: overdue ? NotificationKind.OBLIGATION_OVERDUE : NotificationKind.OBLIGATION_DUE,
        recipients: { organizations: { ids: [obligation.organizationId], roles: [Role.AGENCY_FOCAL_POINT] } },
        item: {
          type: 'reporting-obligation',
          id: obligation.id,
          reference: obligation.reference,
          title: `${REPORT_LABEL[obligation.kind]}${obligation.year ? ` ${obligation.year}` : ''}, due ${obligation.dueDate}`,
        },
        link: `/programmes/${obligation.programmeId}/work`,
      },
      manager,
    );
    return recipientIds;
  }
}
