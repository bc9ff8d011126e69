import { createTestContext, TestContext } from '../support/test-context';
import { activeProgrammeWithMatrix, IOM, setToday } from '../programmes/programme-work-fixtures';
import { Browser, choose, expect as see, openBrowser, fillDate } from './browser';

jest.setTimeout(240000);

const FMU = 'fmu@mptf.test';

/**
 * Journey 4: after approval. The convening agency sees its overdue report on the calendar, writes
 * the annual progress report; the fund unit returns it with comments, then accepts the corrected
 * version; the agency asks for a no-cost extension and the fund unit approves it, the programme's
 * versions showing what changed.
 */
describe('Web journey 4: reporting calendar, progress report and revision', () => {
  let t: TestContext;
  let browser: Browser;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await activeProgrammeWithMatrix(t);
    setToday(t, '2027-05-10');
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the convening agency sees the overdue report on the calendar and writes it', async () => {
    const { page } = browser;
    await browser.login(IOM);
    await see(page.getByText('Overdue reports')).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reporting calendar' })
      .click();
    await see(page.getByRole('heading', { name: 'Reporting calendar' })).toBeVisible();
    const row = page.getByTestId('obligation-ANNUAL_NARRATIVE-2026-IOM');
    await see(row).toContainText(/overdue by 40 days/i);
    await browser.shot('40-calendar-overdue');
    await row.getByRole('link', { name: /MIG-/ }).click();
    await see(page.getByRole('heading', { name: /reporting and revisions/ })).toBeVisible();
    await page.getByRole('button', { name: 'Write the annual narrative report 2026' }).click();
    await see(page.getByRole('heading', { name: 'Annual narrative report 2026' })).toBeVisible();
    await page.getByLabel('Progress (IOM)').fill('420 workers recruited without paying fees.');
    await page.getByLabel('Gender and human rights (IOM)').fill('Half of them women.');
    await browser.shot('41-progress-report-editor');
    await page.getByRole('button', { name: 'Submit to the fund unit' }).click();
    await see(page.getByText('submitted', { exact: true })).toBeVisible();
  });

  it('the fund unit returns it with comments, then accepts the corrected version', async () => {
    const { page } = browser;
    await browser.login(FMU);
    await page.goto(`${browser.baseUrl}/calendar`);
    await page.locator('.mantine-SegmentedControl-label', { hasText: /^Submitted$/ }).click();
    await page.getByRole('link', { name: 'Annual narrative report 2026' }).click();
    await page.getByLabel('Comments').fill('Add the challenges you met.');
    await browser.shot('42-progress-report-review');
    await page.getByRole('button', { name: 'Return with comments' }).click();
    await see(page.getByText('returned', { exact: true })).toBeVisible();

    await browser.login(IOM);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await page.getByRole('link', { name: 'Annual narrative report 2026' }).click();
    await see(page.getByText('Add the challenges you met.').first()).toBeVisible();
    await page.getByLabel('Challenges (IOM)').fill('Recruitment agencies were licensed late.');
    await page.getByRole('button', { name: 'Submit to the fund unit' }).click();
    await see(page.getByText('submitted', { exact: true })).toBeVisible();

    await browser.login(FMU);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await page.getByRole('link', { name: 'Annual narrative report 2026' }).click();
    await page.getByRole('button', { name: 'Accept the report' }).click();
    await see(page.getByText('accepted', { exact: true })).toBeVisible();
    await see(page.getByRole('table', { name: 'Submitted versions' })).toContainText('Version 2');
    await browser.shot('43-progress-report-accepted');
  });

  it('the agency asks for a no-cost extension, the fund unit approves it and the versions show it', async () => {
    const { page } = browser;
    await browser.login(IOM);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await page.getByRole('button', { name: 'Request a revision' }).click();
    await choose(page, 'Kind', 'No-cost extension');
    await fillDate(page, 'New end date', '2028-06-30');
    await page.getByLabel('Justification').fill('Recruitment agencies were licensed late.');
    await browser.shot('44-revision-request');
    await page.getByRole('button', { name: 'Submit the request' }).click();
    await see(page.getByTestId('revision-1')).toContainText(/waiting for the fund unit/i);
    // Dates as every other screen shows them, not ISO.
    await see(page.getByTestId('revision-1')).toContainText('End date: 31 Jan 2028 → 30 Jun 2028');

    await browser.login(FMU);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await page.getByLabel('Comment').fill('Within the fund unit threshold.');
    await page.getByRole('button', { name: 'Approve revision 1' }).click();
    await see(page.getByTestId('revision-1')).toContainText(/approved/i);
    const versions = page.getByRole('table', { name: 'Versions' });
    await see(versions).toContainText('No-cost extension');
    await see(versions).toContainText('End date: 31 Jan 2028 → 30 Jun 2028');
    expect(await versions.innerText()).not.toContain('2028-06-30');
    await browser.shot('45-revision-approved');
    expect(browser.errors).toEqual([]);
  });
});
