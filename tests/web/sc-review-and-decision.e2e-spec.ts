import { createTestContext, TestContext } from '../support/test-context';
import { Browser, choose, expect as see, openBrowser, fillDate } from './browser';

jest.setTimeout(240000);

const proposalBody = {
  title: 'Safe and regular labour mobility corridors between Nepal and Malaysia',
  summary:
    'IOM and UNICEF support the governments of Nepal and Malaysia to make recruitment fair and ethical, and protect migrant workers and the children they leave behind.',
  stage: 'CONCEPT_NOTE',
  scope: 'NATIONAL',
  countryCodes: ['NPL'],
  thematicAreaCode: 4,
  gcmObjectiveCodes: [5, 6],
  convenerCode: 'IOM',
  participatingOrgCodes: ['IOM', 'UNICEF'],
  durationMonths: 24,
  markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
  governmentEndorsement: { endorsed: true, date: '2026-01-20' },
  budgetLines: [
    { orgCode: 'IOM', categoryCode: 1, amount: '300000.00' },
    { orgCode: 'UNICEF', categoryCode: 2, amount: '120000.00' },
  ],
};

/** A second proposal, already under review: the committee endorses it into the pipeline. */
const pipelineBody = {
  ...proposalBody,
  title: 'Protection of unaccompanied children in transit through Guatemala',
  summary:
    'IOM and UNICEF strengthen child protection systems along the migration route through Guatemala, with case management and safe shelters.',
  countryCodes: ['GTM'],
  thematicAreaCode: 2,
  gcmObjectiveCodes: [7],
  budgetLines: [
    { orgCode: 'IOM', categoryCode: 1, amount: '250000.00' },
    { orgCode: 'UNICEF', categoryCode: 2, amount: '180000.00' },
  ],
};

/**
 * Journey 2: the FMU screens a submitted proposal and puts it on a meeting's agenda; a Steering
 * Committee member reviews it with the weighted scorecard (a member of a PUNO is recused) and
 * sees the others' reviews after their own; the chair approves it from the decision pack.
 */
describe('Web journey 2: an SC member reviews and the chair approves', () => {
  let t: TestContext;
  let browser: Browser;
  let proposalId: string;
  let reference: string;
  let pipelineId: string;

  beforeAll(async () => {
    t = await createTestContext();
    const deposit = await t.http
      .post('/api/v1/contributions')
      .set(await t.as('aa@mptf.test'))
      .send({
        donorCode: 'DEU',
        kind: 'DEPOSIT',
        currency: 'USD',
        amount: '3000000.00',
        usdAmount: '3000000.00',
        date: '2026-02-02',
      });
    expect(deposit.status).toBe(201);
    const iom = await t.as('iom.focal@mptf.test');
    const created = await t.http.post('/api/v1/proposals').set(iom).send(proposalBody);
    expect(created.status).toBe(201);
    proposalId = created.body.id;
    reference = created.body.reference;
    expect((await t.http.post(`/api/v1/proposals/${proposalId}/submit`).set(iom)).status).toBe(200);
    const second = await t.http.post('/api/v1/proposals').set(iom).send(pipelineBody);
    expect(second.status).toBe(201);
    pipelineId = second.body.id;
    expect((await t.http.post(`/api/v1/proposals/${pipelineId}/submit`).set(iom)).status).toBe(200);
    const screened = await t.http
      .post(`/api/v1/proposals/${pipelineId}/screening`)
      .set(await t.as('fmu@mptf.test'))
      .send({ outcome: 'PASS', comment: 'Eligible.' });
    expect(screened.status).toBe(200);
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the FMU screens the proposal and prepares the meeting', async () => {
    const { page } = browser;
    await browser.login('fmu@mptf.test');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Screening inbox' })
      .click();
    await see(page.getByRole('row', { name: new RegExp(reference) })).toBeVisible();
    await browser.shot('10-fmu-screening-inbox');
    await page.getByRole('button', { name: `Screen ${reference}` }).click();
    const drawer = page.getByRole('dialog');
    await see(drawer.getByText('Meets every eligibility rule')).toBeVisible();
    await drawer.getByLabel('Pass to the Steering Committee for review').check();
    await drawer
      .getByLabel('Comment to the agencies')
      .fill('Complete and eligible; passed to the Steering Committee.');
    await browser.shot('11-fmu-screening-form');
    await drawer.getByRole('button', { name: 'Record screening' }).click();
    await see(page.getByText('The inbox is empty')).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Meetings & decisions' })
      .click();
    await page.getByRole('button', { name: 'New meeting' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Steering Committee — 12th meeting');
    await fillDate(dialog, 'Date', '2026-12-10');
    await choose(page, 'Agenda', new RegExp(reference));
    await dialog.getByRole('button', { name: 'Create meeting' }).click();
    await see(page.getByRole('heading', { name: 'Steering Committee — 12th meeting' })).toBeVisible();
  });

  it('a member of a PUNO is recused; another member reviews and then sees the others’ reviews', async () => {
    const { page } = browser;
    await browser.login('sc.unicef@mptf.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).click();
    await see(page.getByText('You are up to date')).toBeVisible();
    await page.goto(`${browser.baseUrl}/proposals/${proposalId}/review`);
    await see(page.getByText('You are recused from this proposal')).toBeVisible();
    await browser.shot('12-sc-recused');

    await browser.login('sc.undp@mptf.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).click();
    await see(page.getByRole('row', { name: new RegExp(reference) })).toBeVisible();
    await browser.shot('13-sc-review-queue');
    await page.getByRole('link', { name: `Review ${reference}` }).click();
    const scores: Record<string, number> = {
      'Relevance to the GCM and the fund': 5,
      'GCM guiding principles': 4,
      'Joint programming and partnerships': 4,
      'Results framework and sustainability': 3,
      'Feasibility and value for money': 4,
      'Innovation and catalytic effect': 3,
    };
    for (const [criterion, score] of Object.entries(scores))
      await page
        .getByRole('radiogroup', { name: criterion })
        .getByRole('radio', { name: new RegExp(`^${score} — `) })
        .check();
    // Σ w (s − 1) / 4 = (20·4 + 20·3 + 15·3 + 20·2 + 15·3 + 10·2) / 4 = 72.5
    await see(page.getByTestId('live-score')).toHaveText('72.5 / 100');
    await page.getByRole('radio', { name: 'Approve' }).check();
    await page
      .getByLabel('Comment')
      .fill('Strong joint programme with clear national ownership; results framework needs sharper targets.');
    await browser.shot('14-sc-scorecard');
    await page.getByRole('button', { name: 'Submit review' }).click();
    await see(page.getByText('Your review is recorded')).toBeVisible();
    await see(page.getByTestId('weighted-score')).toContainText('72.5');
    await browser.shot('15-sc-reviews-after-own');
  });

  it('the chair approves it from the decision pack, within the funds available', async () => {
    const { page } = browser;
    await browser.login('chair@mptf.test');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Meetings & decisions' })
      .click();
    await page.getByRole('link', { name: 'Steering Committee — 12th meeting' }).click();
    await see(page.getByTestId('pack-proposal')).toContainText(reference);
    await see(page.getByText('Portfolio balance: current and if approved')).toBeVisible();
    await browser.shot('16-chair-decision-pack');
    await page.getByRole('button', { name: `Record decision on ${reference}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Approve and allocate').check();
    await dialog
      .getByLabel('Justification')
      .fill('Approved by consensus: strong scores and it improves the balance towards regular pathways.');
    await browser.shot('17-chair-decision-form');
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    // The badge is upper-cased by its style: compare case-insensitively.
    await see(page.getByTestId('decision-badge')).toContainText(/approved/i);
    await browser.shot('18-chair-decided');

    const proposal = await t.http.get(`/api/v1/proposals/${proposalId}`).set(await t.as('fmu@mptf.test'));
    expect(proposal.body.status).toBe('APPROVED');
    expect(browser.errors).toEqual([]);
  });

  it('the FMU sees the meetings and the pipeline of endorsed programmes', async () => {
    const endorsed = await t.http
      .post(`/api/v1/proposals/${pipelineId}/decision`)
      .set(await t.as('chair@mptf.test'))
      .send({ outcome: 'PIPELINE', justification: 'Endorsed; funded when money for protection arrives.' });
    expect(endorsed.status).toBe(201);
    const { page } = browser;
    await browser.login('fmu@mptf.test');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Meetings & decisions' })
      .click();
    await see(page.getByRole('row', { name: /12th meeting/ })).toContainText('1');
    await browser.shot('19-fmu-meetings');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline' }).click();
    await see(page.getByTestId('pipeline-row')).toContainText(pipelineBody.title);
    await browser.shot('19-fmu-pipeline');
    expect(browser.errors).toEqual([]);
  });
});
