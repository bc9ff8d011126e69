import { createTestContext, TestContext } from '../support/test-context';
import { Browser, expect as see, openBrowser } from './browser';

jest.setTimeout(180000);

/**
 * Journey 4 (issue 17, "Narrative"): the fund unit writes the year's sections of the consolidated
 * report in the browser, leaves one out with a reason, and sees each revision kept.
 */
describe('Web journey 4: the fund unit writes the report narrative', () => {
  let t: TestContext;
  let browser: Browser;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestContext();
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('writes, revises and leaves out sections; the page shows what is still missing', async () => {
    const { page } = browser;
    await browser.login('fmu@mptf.test');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Report narrative' })
      .click();
    await see(page.getByRole('heading', { name: 'Report narrative' })).toBeVisible();
    await see(page.getByTestId('narrative-missing')).toContainText('9 section(s) still missing');
    await see(page.getByTestId('state-executive-summary')).toContainText(/^missing$/i);

    await page.getByLabel('Executive summary — text').fill('The fund approved its first joint programmes.');
    await page.getByRole('button', { name: 'Save Executive summary' }).click();
    await see(page.getByTestId('state-executive-summary')).toContainText(/^written$/i);
    await page
      .getByLabel('Executive summary — text')
      .fill('The fund approved six joint programmes.\n\nDonors paid in full.');
    await page.getByRole('button', { name: 'Save Executive summary' }).click();
    await see(page.getByTestId('revisions-executive-summary')).toContainText('Revision 2');
    await see(page.getByTestId('revisions-executive-summary')).toContainText('Revision 1');

    await page.getByRole('checkbox', { name: 'Leave this section out of the report' }).last().check();
    await page.getByLabel('Why it is left out').fill('Stories go in next year’s report');
    await page.getByRole('button', { name: 'Save Stories from the field' }).click();
    await see(page.getByTestId('state-stories')).toContainText(/^left out$/i);
    await see(page.getByTestId('narrative-missing')).toContainText('7 section(s) still missing');
    await browser.shot('40-fmu-report-narrative');

    const narrative = await t.http.get(`/api/v1/report-narratives/${year}`).set(await t.as('fmu@mptf.test'));
    expect(narrative.body.sections[0]).toMatchObject({ state: 'WRITTEN', revision: 2 });
    expect(narrative.body.sections[8]).toMatchObject({
      state: 'OMITTED',
      reason: 'Stories go in next year’s report',
    });

    // Only the fund unit writes it: the AA has no such page.
    await browser.login('aa@mptf.test');
    await see(page.getByRole('link', { name: 'Report narrative' })).toHaveCount(0);
    expect(browser.errors).toEqual([]);
  });
});
