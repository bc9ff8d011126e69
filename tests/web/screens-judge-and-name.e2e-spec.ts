import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { activeProgrammeWithMatrix, expectStatus, setToday } from '../programmes/programme-work-fixtures';
import { AA, API, CHAIR, FMU, IOM, underReview } from '../review/review-fixtures';
import { minimalPdf } from '../support/documents';
import { putOneIndicatorMatrix, reportedActual } from '../support/programme-work';
import { createTestContext, TestContext } from '../support/test-context';
import { Browser, choose, openBrowser } from './browser';

jest.setTimeout(300000);

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const ADMIN = 'admin@mptf.test';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const FI_21 = 'Migrants in vulnerable situations who received protection or assistance services';
const NARRATIVE = [
  'Recruitment agencies in Kathmandu signed the fair recruitment code in March.',
  'Labour inspectors checked 42 agencies; 31 charged no fees to workers.',
  'Workers recruited under the code were interviewed on arrival in Kuala Lumpur.',
  'Evidence: inspection reports, arrival interviews and the agencies’ registers.',
  'The last agency joined in June, after the period’s inspections had ended.',
  'Evidence held by the IOM country office, available on request.',
].join('\n');

/** axe-core in the page (see daily-work): serious and critical violations, each with where. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
  )) as string[];
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().innerText()) ?? '').replace(/\s+/g, ' ');

/**
 * Issue 18, the screens where a user judges or names things: approving an actual with what is
 * needed to judge it, the contributor picker, fund indicators and audit events in words, refunds on
 * a programme, the required documents in the editor's checklist (with the first-save redirect), and
 * funding a pipelined programme from the pipeline page. At a laptop's and a phone's width.
 */
describe.each(SIZES)('Web journey: judging and naming at $width×$height', (size) => {
  let t: TestContext;
  let browser: Browser;
  let programmeId: string;
  let programmeReference: string;
  let actualId: string;
  let pipelined: string;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await activeProgrammeWithMatrix(t);
    programmeReference = (await t.http.get(`${API}/proposals/${programmeId}`).set(await t.as(FMU))).body
      .reference;
    // The indicator rolls up to a fund indicator, with a target per half-year.
    const indicatorId = await putOneIndicatorMatrix(t, programmeId, {
      fundIndicatorCode: 'FI-2.1',
      baseline: { year: 2025, value: 40 },
      targets: [
        { periodStart: '2026-02-01', periodEnd: '2026-06-30', value: 500 },
        { periodStart: '2026-07-01', periodEnd: '2026-12-31', value: 1200 },
      ],
    });
    setToday(t, '2026-07-05');
    actualId = await reportedActual(t, indicatorId, {
      periodStart: '2026-02-01',
      periodEnd: '2026-06-30',
      value: '320',
      narrative: NARRATIVE,
    });
    // IOM gives back 60,000 of its 100,000 and spends the 40,000 it keeps: 100 % delivery.
    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/refunds`)
        .set(await t.as(AA))
        .send({ orgCode: 'IOM', amount: '60000.00', date: '2026-07-01' }),
      201,
    );
    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/expenditures`)
        .set(await t.as(IOM))
        .send({ orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 1, amount: '40000.00' }] }),
      201,
    );
    pipelined = await underReview(t, { title: 'Endorsed and waiting for money' });
    await expectStatus(
      await t.http
        .post(`${API}/proposals/${pipelined}/decision`)
        .set(await t.as(CHAIR))
        .send({ outcome: 'PIPELINE', justification: 'Good; funds later' }),
      201,
    );
    // From now on a proposal is submitted only with its concept note and endorsement letter.
    await expectStatus(
      await t.http
        .patch(`${API}/settings/fund`)
        .set(await t.as(ADMIN))
        .send({ requiredDocuments: ['CONCEPT_NOTE', 'ENDORSEMENT_LETTER'] }),
      200,
    );
    browser = await openBrowser(t, { width: size.width, height: size.height });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = async (name: string) => {
    expect(
      await browser.page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(browser.page)).toEqual([]);
    await browser.shot(`judge-${name}-${size.name}`);
  };

  it('shows the baseline, targets, progress and whole narrative before an approval that says it locks', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/actuals`);
    const row = page.getByRole('row', { name: new RegExp(programmeReference) });
    // The narrative is folded, not cut: "Read all" unfolds every line.
    await row.getByRole('button', { name: 'Read all' }).click();
    await row.getByText('Evidence held by the IOM country office').waitFor();
    await check('actuals-queue');
    await row.getByRole('button', { name: `Approve OC1.1 of ${programmeReference}` }).click();
    const dialog = page.getByTestId('approve-actual');
    await dialog.getByText('Approving locks the value').waitFor();
    await dialog.getByText('Progress so far').waitFor();
    const shown = (await dialog.innerText()).replace(/\s+/g, ' ');
    expect(shown).toContain('Baseline 40 people 2025');
    expect(shown).toContain('Target for the period 500 people');
    expect(shown).toContain('End target 1200 people');
    expect(shown).toContain('Reported 320 people');
    expect(shown).toContain('no actual approved yet · 0 of 2 periods approved');
    expect(shown).toContain('Evidence held by the IOM country office, available on request.');
    await check('approve-actual');
    // Nothing is locked until the confirmation.
    const before = await t.http.get(`${API}/actuals/${actualId}`).set(await t.as(FMU));
    expect(before.body.status).toBe('SUBMITTED');
    await dialog.getByRole('button', { name: 'Approve and lock' }).click();
    await page.getByText(`OC1.1 of ${programmeReference} approved and locked.`).waitFor();
    const after = await t.http.get(`${API}/actuals/${actualId}`).set(await t.as(FMU));
    expect(after.body.status).toBe('APPROVED');
  });

  it('lists donors only, by name, in the contributor picker, searched on the server', async () => {
    await browser.login(AA);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/contributions`);
    // The tiles add up the whole filtered list (the server's totals), never only the page shown.
    await page.getByText('Deposits', { exact: true }).first().waitFor();
    expect(await page.getByText(/\(this page\)/i).count()).toBe(0);
    await page.getByRole('button', { name: 'Record contribution' }).click();
    const dialog = page.getByRole('dialog');
    const picker = dialog.getByRole('combobox', { name: 'Contributor' });
    await picker.click();
    // By name as people read it; the fund's own offices and UN entities are no donors.
    await page.getByRole('option', { name: 'Germany', exact: true }).waitFor();
    // The picker's own list (on a phone the page's "Sort by" select has options too).
    const names = await page.getByRole('listbox').getByRole('option').allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(names).not.toContain('IOM');
    await picker.fill('fund management');
    await page.getByText('No donor of that name').waitFor();
    await picker.fill('nor');
    await page.getByRole('option', { name: 'Norway', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: /Germany/ }).count()).toBe(0);
    await page.getByRole('option', { name: 'Norway', exact: true }).click();
    await check('contributor-picker');
    expect(await picker.inputValue()).toBe('Norway');
  });

  it('names fund indicators by their title, the code beside it', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}?tab=results`);
    const named = page.getByTestId('fund-indicator');
    await named.getByText(FI_21).waitFor();
    expect(await text(page, 'fund-indicator')).toBe(`${FI_21} (FI-2.1)`);
    await check('matrix-fund-indicator');
    await page.goto(`${browser.baseUrl}/results`);
    await page.getByText('Fund indicator', { exact: true }).click();
    const table = page.getByRole('table', { name: 'Results roll-up' });
    await table.getByText(FI_21).waitFor();
    await table.getByText('FI-2.1', { exact: true }).waitFor();
    await check('rollup-fund-indicator');
  });

  it('reads the audit trail in words: what happened, to which programme, which fields changed', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/audit`);
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.getByText('Refund from a PUNO recorded').first().waitFor();
    const refund = trail.getByRole('row', { name: /Refund from a PUNO recorded/ }).first();
    await refund.getByRole('link', { name: programmeReference }).waitFor();
    expect(await refund.innerText()).toContain('Safe and regular labour mobility corridors');
    expect(await refund.innerText()).toMatch(/Amount:\s*60000\.00|Amount:\s*60,000/);
    const all = await trail.innerText();
    expect(all).not.toMatch(/\b(programme\.refund|proposal\.submit|actual\.approve)\b/);
    expect(all).not.toMatch(UUID);
    expect(all).not.toContain('{"');
    await check('audit');
    // Every event type in plain words from one list (a decision read "Proposal decide approve").
    await page.goto(`${browser.baseUrl}/audit?proposal=${programmeId}`);
    const own = page.getByRole('table', { name: 'Audit trail' });
    await own.getByText('Decision: approved', { exact: true }).waitFor();
    const actions = await own.getByTestId('audit-action').allInnerTexts();
    expect(actions).toContain('Screening: passed to review');
    expect(actions.join('\n')).not.toMatch(/decide|screen-pass|Proposal screen/i);
    await check('audit-proposal');
  });

  it('shows refunds on the programme, so full delivery on net funded is explained', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/programmes/${programmeId}`);
    await page.getByTestId('tile-refunded').getByText('US$ 60.0k').waitFor();
    expect(await text(page, 'delivery-explained')).toContain(
      'expenditure US$ 40,000.00 ÷ net funded US$ 140,000.00 (transferred US$ 200,000.00 − refunded US$ 60,000.00)',
    );
    const iom = page.getByTestId('puno-IOM');
    expect((await iom.innerText()).replace(/\s+/g, ' ')).toMatch(
      /60,000\.00 40,000\.00 40,000\.00 100(\.0)? ?%/,
    );
    await check('programme-refunds');
  });

  it('moves a new draft to its own address, lists the required documents in the checklist, attaches one', async () => {
    await browser.login(IOM);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/proposals/new`);
    expect(await text(page, 'documents-after-save')).toContain('the concept note and the endorsement letter');
    await page.getByLabel('Title').first().fill('Safe migration in the Sahel');
    await page.getByLabel('Summary').first().fill('IOM and UNICEF protect migrants crossing the Sahel.');
    await page.getByLabel('Duration (months)').fill('24');
    await choose(page, 'Primary thematic area', /^2\. /);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}\/edit$/);
    const id = page.url().match(UUID)![0];
    // The draft survives a refresh at its own address.
    await page.reload();
    await page.getByRole('heading', { name: /^Edit MIG-/ }).waitFor();
    expect(await page.getByLabel('Title').first().inputValue()).toBe('Safe migration in the Sahel');
    const checklist = page.getByTestId('submit-checklist');
    await checklist.getByText('Concept note: missing').waitFor();
    await checklist.getByText('Endorsement letter: missing').waitFor();
    await check('editor-checklist');
    await choose(page, 'Document type', 'Concept note');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'concept-note.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf('Concept'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await checklist.getByText('Concept note: attached').waitFor();
    await checklist.getByText('Endorsement letter: missing').waitFor();
    const eligibility = await t.http.get(`${API}/proposals/${id}/eligibility`).set(await t.as(IOM));
    expect(eligibility.body.requiredDocuments).toEqual([
      { kind: 'CONCEPT_NOTE', label: 'concept note', attached: true },
      { kind: 'ENDORSEMENT_LETTER', label: 'endorsement letter', attached: false },
    ]);
  });

  it('lets the chair fund a pipelined programme from the pipeline when money is available', async () => {
    await browser.login(CHAIR);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/pipeline`);
    const row = page.getByTestId('pipeline-row').filter({ hasText: 'Endorsed and waiting for money' });
    await row.getByText('fundable now').waitFor();
    await check('pipeline');
    await row.getByRole('button', { name: /^Fund MIG-/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('table', { name: 'Allocations' }).waitFor();
    await dialog.getByRole('button', { name: 'Record the approval' }).click();
    await page.getByText(/is funded: its allocations are recorded/).waitFor();
    const funded = await t.http.get(`${API}/proposals/${pipelined}`).set(await t.as(CHAIR));
    expect(funded.body.status).toBe('APPROVED');
    expect(browser.errors).toEqual([]);
  });
});
