import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@mptf/identity';
import { Permission, Role, UsersService } from '@mptf/identity';
import { NotificationKind, NotificationsService } from '@mptf/notifications';
import { EntityManager } from 'typeorm';
import type { ReviewFacts } from './repositories/review.repository';
import { recusalOf } from './review-access';

/** The Steering Committee: its members and its chair. */
const COMMITTEE = [Role.SC_MEMBER, Role.SC_CHAIR];

const proposalItem = (facts: ReviewFacts) => ({
  type: 'proposal',
  id: facts.id,
  reference: facts.reference,
  title: facts.title,
});

/** The proposal's PUNOs (and convener): their focal points are told what happened to it. */
const focalPointsOf = (facts: ReviewFacts) => ({
  organizations: {
    ids: [...new Set([facts.convenerOrgId, ...facts.organizationIds])],
    roles: [Role.AGENCY_FOCAL_POINT],
  },
});

/** Who review tells what, each in the transaction of the change (see domain.md, Notifications). */
@Injectable()
export class ReviewNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  /** Passed screening: the members who may review it (not the recused: PUNO or declared conflict). */
  async queuedForReview(manager: EntityManager, facts: ReviewFacts, actor: AuthUser): Promise<void> {
    const reviewers = await this.users.activeHolders(manager, Permission.REVIEW_CREATE);
    const free = reviewers.filter((member) => recusalOf(member, facts) === null && member.id !== actor.id);
    await this.notifications.notify(
      {
        kind: NotificationKind.PROPOSAL_QUEUED_FOR_REVIEW,
        recipients: { userIds: free.map((member) => member.id) },
        item: proposalItem(facts),
        link: `/proposals/${facts.id}/review`,
      },
      manager,
    );
  }

  /** Returned at screening: its focal points revise it. */
  async returned(manager: EntityManager, facts: ReviewFacts, actor: AuthUser): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.PROPOSAL_RETURNED,
        recipients: { ...focalPointsOf(facts), exceptUserIds: [actor.id] },
        item: proposalItem(facts),
        link: `/proposals/${facts.id}`,
      },
      manager,
    );
  }

  /** A decision on it: the PUNOs' focal points. */
  async decided(manager: EntityManager, facts: ReviewFacts, actor: AuthUser): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.DECISION_RECORDED,
        recipients: { ...focalPointsOf(facts), exceptUserIds: [actor.id] },
        item: proposalItem(facts),
        link: `/proposals/${facts.id}`,
      },
      manager,
    );
  }

  /** A meeting with its agenda: the Committee's members and chair. */
  async agendaSet(
    manager: EntityManager,
    meeting: { id: string; title: string; date: string },
    actor: AuthUser,
  ): Promise<void> {
    await this.notifications.notify(
      {
        kind: NotificationKind.MEETING_AGENDA_SET,
        recipients: { roles: COMMITTEE, exceptUserIds: [actor.id] },
        item: { type: 'sc-meeting', id: meeting.id, reference: meeting.date, title: meeting.title },
        link: `/meetings/${meeting.id}`,
      },
      manager,
    );
  }
}
