import { readFileSync } from 'node:fs';
import { FinanceService } from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { Browser, choose, expect as see, openBrowser, fillDate } from './browser';

jest.setTimeout(180000);

/**
 * Journey 3: the Administrative Agent (MPTF Office) records a transfer of an approved programme
 * to a PUNO in the browser; the Fund Management Unit then requests the annual consolidated report,
 * follows its progress and downloads the PDF the worker generated.
 */
describe('Web journey 3: the fund unit records a transfer and downloads the annual report', () => {
  let t: TestContext;
  let browser: Browser;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    await t.startWorker();
    // Money in the fund: a German deposit in EUR, an approved programme with its allocation.
    const deposit = await t.http
      .post('/api/v1/contributions')
      .set(await t.as('aa@mptf.test'))
      .send({
        donorCode: 'DEU',
        kind: 'DEPOSIT',
        currency: 'EUR',
        amount: '2000000.00',
        usdAmount: '2170000.00',
        date: '2026-02-02',
      });
    expect(deposit.status).toBe(201);
    programmeId = await insertProgramme(t.db, {
      title: 'Protecting children on the move in Mexico and Guatemala',
      thematicAreaCode: 2,
      countryCodes: ['MEX', 'GTM'],
      gcmObjectiveCodes: [2, 7],
      punos: [
        { orgCode: 'IOM', direct: '1000000.00' },
        { orgCode: 'UNICEF', direct: '500000.00' },
      ],
    });
    const [actor] = (await t.db.query(`SELECT id, email FROM users WHERE email = 'aa@mptf.test'`)) as {
      id: string;
      email: string;
    }[];
    await t.db.transaction((manager) =>
      t.app.get(FinanceService).allocate(manager, {
        programmeId,
        actor,
        date: '2026-03-31',
        allocations: [
          { orgCode: 'IOM', amountCents: parseMoney('1070000.00') },
          { orgCode: 'UNICEF', amountCents: parseMoney('535000.00') },
        ],
      }),
    );
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the Administrative Agent records a transfer, which starts the programme', async () => {
    const { page } = browser;
    await browser.login('aa@mptf.test');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Programmes & transfers' })
      .click();
    await see(page.getByRole('heading', { name: 'Programmes and transfers' })).toBeVisible();
    await see(page.getByRole('link', { name: /MIG-2026-9\d{3}/ })).toBeVisible();
    await browser.shot('20-aa-programmes');
    await page
      .getByRole('link', { name: /MIG-2026-9\d{3}/ })
      .first()
      .click();
    await see(page.getByTestId('tile-allocated')).toContainText(/US\$ 1\.6\dM/);

    await page.getByRole('button', { name: 'Record transfer' }).click();
    const dialog = page.getByRole('dialog');
    await see(dialog.getByText('not yet transferred')).toBeVisible();
    await choose(page, 'PUNO', /^IOM — /);
    await dialog.getByLabel('Amount (US$)').fill('600000');
    await fillDate(dialog, 'Value date', '2026-04-15');
    await browser.shot('21-aa-record-transfer');
    await dialog.getByRole('button', { name: 'Record transfer' }).click();
    await see(page.getByRole('dialog')).toHaveCount(0);

    await see(page.getByTestId('tile-transferred')).toContainText('US$ 600.0k');
    await see(page.getByTestId('puno-IOM')).toContainText('470,000.00');
    await see(page.getByText('Active', { exact: true }).first()).toBeVisible();
    await browser.shot('22-aa-programme-after-transfer');

    // More than the untransferred allocation: refused with the reason, nothing recorded.
    await page.getByRole('button', { name: 'Record transfer' }).click();
    await choose(page, 'PUNO', /^UNICEF — /);
    await page.getByRole('dialog').getByLabel('Amount (US$)').fill('900000');
    await page.getByRole('dialog').getByRole('button', { name: 'Record transfer' }).click();
    await see(page.getByRole('dialog').getByRole('alert')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Funding status' })
      .click();
    await see(page.getByTestId('aa-balance')).toHaveText('US$ 1,548,300.00');
    await browser.shot('23-fund-status');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await see(page.getByRole('table', { name: 'Portfolio figures' })).toContainText('Protection');
    await browser.shot('24-portfolio-by-thematic-area');
    await page.locator('label', { hasText: /^Region$/ }).click();
    await see(page.getByRole('table', { name: 'Portfolio figures' })).toContainText('Americas');
    await browser.shot('25-portfolio-by-region');

    // A contributor sees its own deposit and the fund's status, read-only.
    await browser.login('donor.deu@mptf.test');
    await see(page.getByRole('link', { name: 'Screening inbox' })).toHaveCount(0);
    await see(page.getByRole('link', { name: 'Statements & reports' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contributions' }).click();
    await see(page.getByRole('table', { name: 'Contributions' })).toContainText('2,170,000.00');
    await see(page.getByRole('button', { name: 'Record contribution' })).toHaveCount(0);
    await browser.shot('28-donor-contributions');

    const programme = await t.http.get(`/api/v1/programmes/${programmeId}`).set(await t.as('aa@mptf.test'));
    expect(programme.body).toMatchObject({
      status: 'ACTIVE',
      transferred: '600000.00',
      startDate: '2026-04-15',
    });
    expect(browser.errors).toEqual([]);
  });

  it('the Fund Management Unit downloads the annual consolidated report', async () => {
    const { page } = browser;
    await browser.login('fmu@mptf.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await see(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();
    await choose(page, 'Report', 'Annual consolidated report');
    await choose(page, 'Reporting year', '2026');
    await page.getByRole('button', { name: 'Generate report' }).click();
    const run = page.getByTestId('report-run').first();
    await see(run).toBeVisible();
    await browser.shot('26-reports-in-progress');
    await see(run).toHaveAttribute('data-status', 'SUCCEEDED');
    await browser.shot('27-reports-succeeded');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      run.getByRole('button', { name: /Download/ }).click(),
    ]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(browser.errors).toEqual([]);
  });
});
