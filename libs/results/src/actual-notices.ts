import { Injectable } from '@nestjs/common';
import { formatDate } from '@mptf/common';
import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { NotificationKind, NotificationsService } from '@mptf/notifications';
import { EntityManager } from 'typeorm';
import type { ActualView } from './actuals.service';
import { ProposalAccessRepository } from './proposal-access.repository';

/** Dates as every screen and mail shows them ("1 Sep 2025", not ISO), each kept on one line. */
const period = (actual: ActualView) =>
  [actual.periodStart, actual.periodEnd].map((date) => formatDate(date).replace(/ /g, '\u00a0')).join(' – ');

const itemOf = (actual: ActualView) => ({
  type: 'actual',
  id: actual.id,
  reference: actual.programmeReference,
  title: `${actual.indicatorKey} ${actual.indicatorTitle} (${period(actual)})`,
});

/** Who is told of an actual's submission and return, in the transaction of the change. */
@Injectable()
export class ActualNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly proposals: ProposalAccessRepository,
  ) {}

  /** Submitted: the fund unit approves or returns it. */
  async submitted(manager: EntityManager, actual: ActualView, actor: AuthUser): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.ACTUAL_SUBMITTED,
        recipients: { roles: [Role.FMU_OFFICER], exceptUserIds: [actor.id] },
        item: itemOf(actual),
        link: '/actuals',
      },
      manager,
    );
  }

  /** Returned: the programme's PUNOs' focal points revise it. */
  async returned(manager: EntityManager, actual: ActualView, actor: AuthUser): Promise<void> {
    const ids = await this.proposals.participantOrganizationIds(manager, actual.programmeId);
    await this.notifications.notify(
      {
        kind: NotificationKind.ACTUAL_RETURNED,
        recipients: { organizations: { ids, roles: [Role.AGENCY_FOCAL_POINT] }, exceptUserIds: [actor.id] },
        item: itemOf(actual),
        link: `/programmes/${actual.programmeId}`,
      },
      manager,
    );
  }
}
