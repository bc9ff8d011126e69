import type { Role } from '@mptf/identity';
import type { NotificationKind } from './notification-kinds';

/**
 * Who is notified: the union of the users named, the holders of the roles, and the holders of
 * `organizations.roles` in the organizations named (e.g. a proposal's PUNOs' focal points). Only
 * active users; `exceptUserIds` are left out (the actor, recused members).
 */
export interface Recipients {
  userIds?: readonly string[];
  roles?: readonly Role[];
  /** Holders of `roles` in the organizations with these codes or ids. */
  organizations?: { codes?: readonly string[]; ids?: readonly string[]; roles: readonly Role[] };
  exceptUserIds?: readonly string[];
}

/** What the notification is about: the bell and the mail show its reference and title. */
export interface NotificationItem {
  /** e.g. proposal, sc-meeting, actual, report-run. */
  type: string;
  id: string;
  reference?: string | null;
  title?: string | null;
}

export interface NotifyInput {
  kind: NotificationKind;
  recipients: Recipients;
  item: NotificationItem;
  /** The web app's path of the item (e.g. /proposals/<id>); mail links to it under PUBLIC_URL. */
  link: string;
}

export interface NotifyResult {
  /** The users notified (one notification each). */
  recipientIds: string[];
}
