import { demoFinanceStep } from '../../seeds/demo/demo-finance.step';
import { API, CHAIR, FMU, underReview } from '../review/review-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { accessibilityProblems, Browser, openBrowser, overflow, readingProblems, SIZES } from './browser';

jest.setTimeout(300000);

const DONOR = 'donor.deu@mptf.test';
const IOM = 'iom.focal@mptf.test';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Daily work on a laptop and a phone: the to-do home per role (the chair's upcoming meeting,
 * pending decisions and pipeline programmes to fund; a donor's own position), the FMU editing a
 * meeting's agenda until it starts, and plain form errors beside each field that clear on change.
 */
describe.each(SIZES)('Web journey: daily work at $width×$height', (size) => {
  let t: TestContext;
  let browser: Browser;
  let meetingId: string;
  let later: string;

  beforeAll(async () => {
    t = await createTestContext();
    await demoFinanceStep.run({ app: t.app, dataSource: t.db, progress: () => undefined });
    const onAgenda = await underReview(t, { title: 'Fair recruitment between Nepal and Malaysia' });
    later = await underReview(t, { title: 'Screened after the agenda was set' });
    const pipelined = await underReview(t, { title: 'Endorsed and waiting for money' });
    await t.http
      .post(`${API}/proposals/${pipelined}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'PIPELINE', justification: 'Good; funds later' })
      .expect(201);
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Steering Committee — next session', date: inDays(14), proposalIds: [onAgenda] });
    meetingId = meeting.body.id;
    browser = await openBrowser(t, { width: size.width, height: size.height });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = async (name: string) => {
    expect(await overflow(browser.page)).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(browser.page)).toEqual([]);
    await browser.shot(`daily-${name}-${size.name}`);
  };

  it('shows the chair the upcoming meeting, pending decisions and pipeline programmes to fund', async () => {
    await browser.login(CHAIR);
    const page = browser.page;
    await page.getByTestId('upcoming-meeting').getByText('Steering Committee — next session').waitFor();
    await page
      .getByTestId('todo-pending-decisions')
      .getByText('Fair recruitment between Nepal and Malaysia')
      .waitFor();
    await page
      .getByTestId('todo-fundable-now')
      .getByRole('button', { name: /^Fund MIG-/ })
      .waitFor();
    await check('chair-home');
  });

  it("shows a donor its own position in the pledge's currency", async () => {
    await browser.login(DONOR);
    const position = browser.page.getByTestId('donor-position');
    await position.waitFor();
    await position.getByText('EUR 18,000,000.00').first().waitFor();
    expect(await position.textContent()).toContain('Exchange difference');
    await check('donor-home');
  });

  it('lets the FMU add a proposal screened later to the agenda until the meeting starts, titles in full', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/meetings/${meetingId}`);
    const editor = page.getByTestId('agenda-editor');
    await editor.waitFor();
    await check('meeting-agenda');
    const input = editor
      .getByRole('textbox', { name: 'Proposals on the agenda' })
      .or(editor.getByRole('combobox', { name: 'Proposals on the agenda' }));
    await input.first().click();
    await input.first().fill('Screened after');
    await page.getByRole('option', { name: /Screened after the agenda was set/ }).click();
    await input.first().press('Tab');
    // Each proposal on the agenda reads in full, in its pill and on its card: nothing ends in "…".
    expect(await readingProblems(page)).toEqual([]);
    await browser.shot(`daily-meeting-agenda-chosen-${size.name}`);
    await editor.getByRole('button', { name: 'Save the agenda' }).click();
    await page.getByText('The agenda is saved.').waitFor();
    const agenda = await t.http.get(`${API}/sc-meetings/${meetingId}`).set(await t.as(FMU));
    expect(agenda.body.agenda.map((item: { proposalId: string }) => item.proposalId)).toContain(later);
  });

  it('puts plain form errors beside each field and clears one when the field changes', async () => {
    await browser.login(IOM);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/proposals/new`);
    await page.getByRole('button', { name: 'Save draft' }).click();
    const title = page.getByRole('textbox', { name: /^Title/ });
    await page.getByText('Title is required').first().waitFor();
    expect(await page.getByText(/longer than or equal|must not be less than/).count()).toBe(0);
    await check('proposal-errors');
    await title.fill('Safe migration in the Sahel');
    await page.waitForTimeout(200);
    expect(await title.getAttribute('aria-invalid')).not.toBe('true');
    expect(browser.errors).toEqual([]);
  });
});
