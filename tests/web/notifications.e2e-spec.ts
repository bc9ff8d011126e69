import { FMU, submittedProposal } from '../review/review-fixtures';
import { mailSettled, referenceOf } from '../notifications/notification-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { startTestSmtpServer, TestSmtpServer } from '../support/test-smtp-server';
import { Browser, expect as see, openBrowser } from './browser';

jest.setTimeout(240000);

/**
 * Journey: the fund unit's bell shows a submitted proposal, opening it goes to the proposal and
 * marks it read; the officer chooses the daily digest for submissions; the admin reads the mail
 * outbox with the address that bounced.
 */
describe('Web journey: the bell, mail preferences and the outbox', () => {
  let t: TestContext;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let proposalId: string;
  let reference: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    smtp.refuse('unicef.focal@mptf.test');
    t = await createTestContext({ env: { SMTP_URL: smtp.url } });
    await t.startWorker();
    proposalId = await submittedProposal(t);
    reference = await referenceOf(t, proposalId);
    // Returned at screening: its PUNOs' focal points are mailed, and UNICEF's address bounces.
    const returned = await submittedProposal(t);
    await t.http
      .post(`/api/v1/proposals/${returned}/screening`)
      .set(await t.as(FMU))
      .send({ outcome: 'RETURN', comment: 'Add the workplan' })
      .expect(200);
    await mailSettled(t.db);
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await smtp.close();
    delete process.env.SMTP_URL;
  });

  it('shows the unread count, lists the notification and marks it read when opened', async () => {
    const { page } = browser;
    await browser.login(FMU);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await see(bell).toHaveAttribute('aria-label', 'Notifications: 2 unread');
    await bell.click();
    const list = page.getByRole('list', { name: 'Latest notifications' });
    await see(list.getByRole('listitem')).toHaveCount(2);
    await see(list).toContainText(`Proposal submitted`);
    await see(list).toContainText(reference);
    await browser.shot('notifications-bell');

    await list.getByRole('listitem').filter({ hasText: reference }).click();
    await page.waitForURL(`**/proposals/${proposalId}`);
    await see(page.getByRole('heading', { level: 1 })).toBeVisible();
    await see(bell).toHaveAttribute('aria-label', 'Notifications: 1 unread');
    const mine = await t.http.get('/api/v1/notifications').set(await t.as(FMU));
    const opened = mine.body.items.find((n: { item: { id: string } }) => n.item.id === proposalId);
    expect(opened.read).toBe(true);

    // Every notification, and the unread ones only.
    await bell.click();
    await page.getByRole('link', { name: 'All notifications' }).click();
    await see(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    const all = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    await see(all).toHaveCount(2);
    await page.getByText('Unread (1)').click();
    await see(all).toHaveCount(1);
    await see(all.first()).toContainText('NEW');
    await browser.shot('notifications-page');
  });

  it('saves a daily digest for one kind of event', async () => {
    const { page } = browser;
    // The account button is named by what it shows: the user's name.
    await page.getByRole('button', { name: /Fatou Mbaye/ }).click();
    await page.getByRole('menuitem', { name: 'Notification preferences' }).click();
    await see(page.getByRole('heading', { name: 'Notification preferences' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Proposal submitted' });
    await row.getByText('Daily digest').click();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await see(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
    await browser.shot('notifications-preferences');
    const saved = await t.http.get('/api/v1/me/notification-preferences').set(await t.as(FMU));
    expect(saved.body.kinds).toContainEqual(
      expect.objectContaining({ kind: 'PROPOSAL_SUBMITTED', delivery: 'DIGEST' }),
    );
    expect(saved.body.mailOff).toBe(false);
  });

  it('shows the admin the outbox and the address that bounced', async () => {
    const { page } = browser;
    await browser.login('admin@mptf.test');
    await page.getByRole('link', { name: 'Mail outbox' }).click();
    await see(page.getByRole('heading', { name: 'Mail outbox' })).toBeVisible();
    const bounced = page.getByRole('table', { name: 'Bounced addresses' });
    await see(bounced).toContainText('unicef.focal@mptf.test');
    await see(bounced).toContainText('550');
    const messages = page.getByRole('list', { name: 'Messages' });
    await see(messages).toContainText('Proposal returned');
    await see(messages).toContainText('BOUNCED');
    await see(messages).toContainText('SENT');
    await browser.shot('notifications-outbox');
    expect(browser.errors).toEqual([]);
  });
});
