import { KIND_CATALOGUE, NotificationKind } from '../notification-kinds';

export interface MailRecipient {
  email: string;
  name: string;
}

export interface MailItem {
  kind: NotificationKind;
  reference: string | null;
  title: string | null;
  link: string;
}

export interface ComposedMail {
  subject: string;
  body: string;
}

const SUBJECT_PREFIX = '[Migration MPTF]';

/** The item as one line: its reference and title, whichever it has. */
function itemLine(item: MailItem): string {
  return [item.reference, item.title].filter(Boolean).join(' — ') || 'an item';
}

function url(publicUrl: string, link: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}

function footer(publicUrl: string): string {
  return [
    '',
    '--',
    'You receive this mail because of your notification preferences in the Migration MPTF system.',
    `Change them at ${url(publicUrl, '/notifications/preferences')}`,
  ].join('\n');
}

/** One notification, mailed at once. Plain text: readable in every client, nothing to escape. */
export function composeImmediate(recipient: MailRecipient, item: MailItem, publicUrl: string): ComposedMail {
  const kind = KIND_CATALOGUE[item.kind];
  return {
    subject: `${SUBJECT_PREFIX} ${kind.label}: ${item.reference ?? item.title ?? ''}`.trim(),
    body: [
      `Hello ${recipient.name},`,
      '',
      kind.sentence,
      '',
      `  ${itemLine(item)}`,
      `  ${url(publicUrl, item.link)}`,
      footer(publicUrl),
    ].join('\n'),
  };
}

/** The day's notifications of one recipient in one mail, grouped by kind (in catalogue order). */
export function composeDigest(
  recipient: MailRecipient,
  items: readonly MailItem[],
  publicUrl: string,
): ComposedMail {
  const groups = new Map<NotificationKind, MailItem[]>();
  for (const kind of Object.keys(KIND_CATALOGUE) as NotificationKind[]) {
    const ofKind = items.filter((item) => item.kind === kind);
    if (ofKind.length) groups.set(kind, ofKind);
  }
  const lines = [
    `Hello ${recipient.name},`,
    '',
    `${items.length} ${items.length === 1 ? 'notification' : 'notifications'} since your last digest:`,
  ];
  for (const [kind, ofKind] of groups) {
    lines.push('', `${KIND_CATALOGUE[kind].label} (${ofKind.length})`);
    for (const item of ofKind) lines.push(`  - ${itemLine(item)}`, `    ${url(publicUrl, item.link)}`);
  }
  return {
    subject: `${SUBJECT_PREFIX} Daily digest: ${items.length} ${items.length === 1 ? 'notification' : 'notifications'}`,
    body: [...lines, footer(publicUrl)].join('\n'),
  };
}
