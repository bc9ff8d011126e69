/**
 * The kinds of event that notify someone. A kind is what a user chooses mail delivery for (off,
 * immediately, or in the daily digest); the bell shows every kind. To add one: a member here and
 * its entry in KIND_CATALOGUE (no migration: kinds are stored as text, preferences as JSON).
 */
export enum NotificationKind {
  PROPOSAL_SUBMITTED = 'PROPOSAL_SUBMITTED',
  PROPOSAL_QUEUED_FOR_REVIEW = 'PROPOSAL_QUEUED_FOR_REVIEW',
  PROPOSAL_RETURNED = 'PROPOSAL_RETURNED',
  MEETING_AGENDA_SET = 'MEETING_AGENDA_SET',
  MEETING_PACK_READY = 'MEETING_PACK_READY',
  DECISION_RECORDED = 'DECISION_RECORDED',
  ACTUAL_SUBMITTED = 'ACTUAL_SUBMITTED',
  ACTUAL_RETURNED = 'ACTUAL_RETURNED',
  PROGRESS_REPORT_SUBMITTED = 'PROGRESS_REPORT_SUBMITTED',
  PROGRESS_REPORT_RETURNED = 'PROGRESS_REPORT_RETURNED',
  OBLIGATION_DUE = 'OBLIGATION_DUE',
  OBLIGATION_OVERDUE = 'OBLIGATION_OVERDUE',
  REVISION_SUBMITTED = 'REVISION_SUBMITTED',
  REVISION_DECIDED = 'REVISION_DECIDED',
  REPORT_FINISHED = 'REPORT_FINISHED',
  REPORT_FAILED = 'REPORT_FAILED',
}

/** How a user wants one kind by e-mail. */
export enum MailDelivery {
  OFF = 'OFF',
  IMMEDIATE = 'IMMEDIATE',
  DIGEST = 'DIGEST',
}

export interface KindDescription {
  /** Short name: the preferences page, the mail subject and the digest's group heading. */
  label: string;
  /** One sentence saying what happened and what waits, before the item in the mail. */
  sentence: string;
}

export const KIND_CATALOGUE: Record<NotificationKind, KindDescription> = {
  [NotificationKind.PROPOSAL_SUBMITTED]: {
    label: 'Proposal submitted',
    sentence: 'A proposal was submitted and waits for screening.',
  },
  [NotificationKind.PROPOSAL_QUEUED_FOR_REVIEW]: {
    label: 'Proposal queued for review',
    sentence: 'A proposal passed screening and waits for your review.',
  },
  [NotificationKind.PROPOSAL_RETURNED]: {
    label: 'Proposal returned',
    sentence: 'The fund unit returned a proposal of your organization for changes.',
  },
  [NotificationKind.MEETING_AGENDA_SET]: {
    label: 'Meeting agenda set',
    sentence: 'A Steering Committee meeting has its agenda.',
  },
  [NotificationKind.MEETING_PACK_READY]: {
    label: 'Decision pack ready',
    sentence: 'The decision pack of a Steering Committee meeting is ready to read.',
  },
  [NotificationKind.DECISION_RECORDED]: {
    label: 'Decision recorded',
    sentence: 'The Steering Committee decided on a proposal of your organization.',
  },
  [NotificationKind.ACTUAL_SUBMITTED]: {
    label: 'Results actual submitted',
    sentence: 'An indicator actual was submitted and waits for approval.',
  },
  [NotificationKind.ACTUAL_RETURNED]: {
    label: 'Results actual returned',
    sentence: 'The fund unit returned an indicator actual of your organization.',
  },
  [NotificationKind.PROGRESS_REPORT_SUBMITTED]: {
    label: 'Progress report submitted',
    sentence: 'A progress report was submitted and waits for review.',
  },
  [NotificationKind.PROGRESS_REPORT_RETURNED]: {
    label: 'Progress report returned',
    sentence: 'The fund unit returned a progress report with comments.',
  },
  [NotificationKind.OBLIGATION_DUE]: {
    label: 'Report due soon',
    sentence: 'A reporting obligation is due soon.',
  },
  [NotificationKind.OBLIGATION_OVERDUE]: {
    label: 'Report overdue',
    sentence: 'A reporting obligation is overdue.',
  },
  [NotificationKind.REVISION_SUBMITTED]: {
    label: 'Programme revision requested',
    sentence: 'A programme revision was requested and waits for a decision.',
  },
  [NotificationKind.REVISION_DECIDED]: {
    label: 'Programme revision decided',
    sentence: 'A programme revision was decided.',
  },
  [NotificationKind.REPORT_FINISHED]: {
    label: 'Report ready',
    sentence: 'A report you asked for is ready.',
  },
  [NotificationKind.REPORT_FAILED]: {
    label: 'Report failed',
    sentence: 'A report you asked for could not be produced.',
  },
};

/** Delivery when the user has chosen nothing for a kind. */
export const DEFAULT_DELIVERY = MailDelivery.IMMEDIATE;

export const ALL_KINDS = Object.values(NotificationKind);

export function isNotificationKind(value: string): value is NotificationKind {
  return (ALL_KINDS as string[]).includes(value);
}
