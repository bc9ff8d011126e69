import { underReview } from '../review/review-fixtures';
import { createTestContext, eventually, TestContext } from '../support/test-context';
import {
  activeProgrammeWithMatrix,
  API,
  CHAIR,
  expectStatus,
  IOM,
  setToday,
} from '../programmes/programme-work-fixtures';
import { Browser, choose, expect as see, openBrowser } from './browser';

jest.setTimeout(240000);

const FMU = 'fmu@mptf.test';

/**
 * Journey: the Committee's revision path. The convening agency asks for a budget revision that
 * moves money to itself from another PUNO (above the fund unit's threshold); the fund unit puts it
 * on a meeting's agenda; the chair approves it; the programme shows the new approved version and
 * what changed, and its money by PUNO the moved allocations.
 */
describe('Web journey: a budget revision decided by the Steering Committee', () => {
  let t: TestContext;
  let browser: Browser;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await activeProgrammeWithMatrix(t);
    setToday(t, '2027-05-10');
    await expectStatus(
      await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'SC 2027/2', date: '2027-05-20', proposalIds: [await underReview(t)] }),
      201,
    );
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the convening agency requests a budget revision above the threshold', async () => {
    const { page } = browser;
    await browser.login(IOM);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await page.getByRole('button', { name: 'Request a revision' }).click();
    await choose(page, 'Kind', 'Budget revision');
    // 50,000 of UNICEF's supplies move to IOM's staff.
    await page.getByLabel('Amount IOM category 1').fill('350000.00');
    await page.getByLabel('Amount UNICEF category 2').fill('70000.00');
    await page.getByLabel('Justification').fill('IOM takes over the outreach UNICEF planned.');
    await browser.shot('46-committee-revision-request');
    await page.getByRole('button', { name: 'Submit the request' }).click();
    const revision = page.getByTestId('revision-1');
    await see(revision).toContainText(/waiting for the steering committee/i);
    await see(revision).toContainText('moves money between participating organizations');
    await see(revision).toContainText('budgetLines[IOM/1].amount: 300000.00 → 350000.00');
  });

  it('the fund unit puts it on a meeting’s agenda, the chair approves it', async () => {
    const { page } = browser;
    await browser.login(FMU);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await choose(page, 'Steering Committee meeting', /SC 2027\/2/);
    await page.getByRole('button', { name: 'Put on the agenda' }).click();
    // The fund unit prepares the meeting; only the chair decides.
    await see(page.getByRole('button', { name: 'Approve revision 1' })).toHaveCount(0);
    await eventually(async () => {
      const [revision] = (await expectStatus(
        await t.http.get(`${API}/programmes/${programmeId}/revisions`).set(await t.as(FMU)),
        200,
      )) as unknown as { meetingId: string | null }[];
      return revision.meetingId !== null;
    });
    expect(await page.getByRole('combobox', { name: 'Steering Committee meeting' }).inputValue()).toMatch(
      /SC 2027\/2/,
    );
    await browser.shot('47-committee-revision-on-agenda');

    await browser.login(CHAIR);
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}/work`);
    await page.getByLabel('Justification').fill('Agreed by consensus at SC 2027/2.');
    await page.getByRole('button', { name: 'Approve revision 1' }).click();
    const revision = page.getByTestId('revision-1');
    await see(revision).toContainText(/approved/i);
    await see(revision).toContainText(/chair/i);
    const versions = page.getByRole('table', { name: 'Versions' });
    await see(versions).toContainText('1: Budget revision');
    await see(versions).toContainText('budgetLines[UNICEF/2].amount: 120000.00 → 70000.00');
    await browser.shot('48-committee-revision-approved');
  });

  it('the programme’s money shows the allocations the revision moved', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Back to the programme’s money' }).click();
    // 50,000 + 7% indirect = 53,500 moved: IOM 369,150.54 → 422,650.54, UNICEF 214,000.27 → 160,500.27.
    await see(page.getByTestId('puno-IOM')).toContainText('422,650.54');
    await see(page.getByTestId('puno-UNICEF')).toContainText('160,500.27');
    await browser.shot('49-committee-revision-money');
    expect(browser.errors).toEqual([]);
  });
});
