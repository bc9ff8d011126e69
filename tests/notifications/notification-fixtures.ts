import { DataSource } from 'typeorm';
import { eventually, TestContext } from '../support/test-context';
import type { TestSmtpServer } from '../support/test-smtp-server';

export const API = '/api/v1';

/** Every demo user (api.md): "never others" is checked against all of them. */
export const EVERYONE = [
  'admin@mptf.test',
  'fmu@mptf.test',
  'aa@mptf.test',
  'chair@mptf.test',
  'sc.undp@mptf.test',
  'sc.unicef@mptf.test',
  'sc.deu@mptf.test',
  'iom.focal@mptf.test',
  'undp.focal@mptf.test',
  'unicef.focal@mptf.test',
  'donor.deu@mptf.test',
];

export interface NotificationBody {
  id: string;
  kind: string;
  item: { type: string; id: string; reference: string | null; title: string | null };
  reference: string | null;
  link: string;
  read: boolean;
}

export async function inbox(
  t: TestContext,
  email: string,
  query = 'pageSize=200',
): Promise<NotificationBody[]> {
  const response = await t.http.get(`${API}/notifications?${query}`).set(await t.as(email));
  if (response.status !== 200)
    throw new Error(`inbox of ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items as NotificationBody[];
}

/** The demo users whose bell has a notification of `kind` about the item, sorted. */
export async function notified(t: TestContext, kind: string, itemId: string): Promise<string[]> {
  const who: string[] = [];
  for (const email of EVERYONE)
    if ((await inbox(t, email)).some((n) => n.kind === kind && n.item.id === itemId)) who.push(email);
  return who.sort();
}

/** Waits until the worker has dealt with every message (none PENDING). */
export async function mailSettled(db: DataSource): Promise<void> {
  await eventually(async () => {
    const [row] = (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'PENDING'`)) as {
      n: number;
    }[];
    return row.n === 0;
  }, 30000);
}

/** Who received a mail whose subject has all of `parts` (once every message is dealt with), sorted. */
export async function mailed(t: TestContext, smtp: TestSmtpServer, ...parts: string[]): Promise<string[]> {
  await mailSettled(t.db);
  return smtp.received
    .filter((mail) => parts.every((part) => mail.subject.includes(part)))
    .flatMap((mail) => mail.to)
    .sort();
}

export async function setPreferences(
  t: TestContext,
  email: string,
  body: { mailOff: boolean; kinds: { kind: string; delivery: string }[] },
): Promise<void> {
  const response = await t.http
    .put(`${API}/me/notification-preferences`)
    .set(await t.as(email))
    .send(body);
  if (response.status !== 200)
    throw new Error(`preferences: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function referenceOf(t: TestContext, proposalId: string): Promise<string> {
  const response = await t.http.get(`${API}/proposals/${proposalId}`).set(await t.as('fmu@mptf.test'));
  return response.body.reference as string;
}
