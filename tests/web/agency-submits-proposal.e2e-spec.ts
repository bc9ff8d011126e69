import { Browser, choose, expect as see, openBrowser, fillDate } from './browser';
import { createTestContext, TestContext } from '../support/test-context';

jest.setTimeout(180000);

/**
 * Journey 1: an agency focal point drafts a joint programme in the browser, submits it, sees the
 * eligibility violation next to its field, fixes it and submits again.
 */
describe('Web journey 1: an agency focal point submits a proposal', () => {
  let t: TestContext;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestContext();
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every violation next to its field first, then submits once fixed', async () => {
    const { page } = browser;
    await browser.login('iom.focal@mptf.test');
    await see(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My proposals' }),
    ).toBeVisible();
    // Role-based navigation: no screening, review or transfers for an agency.
    await see(page.getByRole('link', { name: 'Screening inbox' })).toHaveCount(0);
    await see(page.getByRole('link', { name: 'Review queue' })).toHaveCount(0);
    await browser.shot('01-agency-home');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My proposals' }).click();
    await see(page.getByRole('heading', { name: 'My proposals' })).toBeVisible();
    await see(page.getByText('No proposals yet')).toBeVisible();
    await browser.shot('02-agency-my-proposals-empty');

    await page.getByRole('link', { name: 'New proposal' }).first().click();
    await see(page.getByRole('heading', { name: 'New joint programme proposal' })).toBeVisible();
    await page
      .getByLabel('Title')
      .fill('Safe and regular labour mobility corridors between Nepal and Malaysia');
    await page
      .getByLabel('Summary')
      .fill(
        'IOM and UNICEF support the governments of Nepal and Malaysia to make recruitment fair and ethical, and protect migrant workers and the children they leave behind.',
      );
    await page.getByLabel('Duration (months)').fill('24');
    await choose(page, 'Primary thematic area', /^4\. Facilitating regular migration/);
    // The objectives mapped to area 4 are offered first.
    await page.getByRole('combobox', { name: 'GCM objectives', exact: true }).click();
    await see(page.getByText('Mapped to thematic area 4')).toBeVisible();
    await page.getByRole('option', { name: /^5\. / }).click();
    await page.getByRole('option', { name: /^6\. / }).click();
    await page.keyboard.press('Escape');
    await choose(page, 'Country', /Nepal/, 'Nepal');
    await page.getByLabel('The host government has endorsed this proposal').check();
    await fillDate(page, 'Date of endorsement', '2026-01-20');

    // Only IOM participates: a joint programme needs two PUNOs (the violation to see first).
    await page.getByLabel('IOM, Staff and other personnel costs').fill('300000');
    await page.getByLabel('IOM, Travel').fill('45000.50');
    // Live indirect costs at the fund rate (7 % of 345,000.50 = 24,150.04) and totals.
    await see(page.getByTestId('indirect-IOM')).toHaveText('24,150.04');
    await see(page.getByTestId('budget-total')).toHaveText('US$ 369,150.54');
    await browser.shot('03-agency-proposal-editor');

    await page.getByRole('button', { name: 'Submit proposal' }).click();
    const summary = page.getByTestId('violation-summary');
    await see(summary).toBeVisible();
    await see(summary).toContainText('not eligible yet');
    // The violation is shown next to the PUNO field.
    const punoField = page.getByRole('combobox', {
      name: 'Participating UN organizations (PUNOs)',
      exact: true,
    });
    await see(punoField).toHaveAttribute('aria-invalid', 'true');
    await see(page.getByText(/needs at least 2 participating UN organizations/).first()).toBeVisible();
    await browser.shot('04-agency-eligibility-violation');

    // Fix: add UNICEF with a budget, then submit again.
    await punoField.click();
    await punoField.fill('UNICEF');
    await page.getByRole('option', { name: /^UNICEF — / }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('UNICEF, Supplies, commodities, materials').fill('120000');
    await see(page.getByTestId('indirect-UNICEF')).toHaveText('8,400.00');
    await page.getByRole('button', { name: 'Submit proposal' }).click();

    await see(page.getByText('Submitted', { exact: true }).first()).toBeVisible();
    await see(
      page.getByRole('heading', { name: /Safe and regular labour mobility corridors/ }),
    ).toBeVisible();
    await see(page.getByText(/revision 1/).first()).toBeVisible();
    await browser.shot('05-agency-proposal-submitted');

    await page.getByRole('tab', { name: 'Status timeline' }).click();
    await see(page.getByText('Draft').first()).toBeVisible();
    await see(page.getByRole('tabpanel').getByText('Submitted').first()).toBeVisible();
    await browser.shot('06-agency-proposal-timeline');

    // What the API holds is what the browser showed.
    const list = await t.http.get('/api/v1/proposals').set(await t.as('iom.focal@mptf.test'));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      status: 'SUBMITTED',
      participatingOrgCodes: ['IOM', 'UNICEF'],
      budget: { direct: '465000.50', indirect: '32550.04', total: '497550.54' },
    });
    expect(browser.errors).toEqual([]);
  });
});
