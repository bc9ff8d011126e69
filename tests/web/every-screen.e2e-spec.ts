import { seedDemo } from '../../seeds/demo.seed';
import { API, CHAIR, FMU, IOM, SC_UNDP } from '../review/review-fixtures';
import { minimalPdf } from '../support/documents';
import { createTestContext, TestContext } from '../support/test-context';
import {
  accessibilityProblems,
  Browser,
  cardsTitledByDate,
  codesShown,
  expect as see,
  isoDatesShown,
  legendsOutOfOrder,
  openBrowser,
  overflow,
  readingProblems,
  SIZES,
  tablesScrollingSideways,
} from './browser';

jest.setTimeout(900000);

const ADMIN = 'admin@mptf.test';
const AA = 'aa@mptf.test';
const DONOR = 'donor.deu@mptf.test';
const DASHBOARD = '/api/v1/admin/queues';

interface Screen {
  name: string;
  as: string;
  path: string;
  /** Text that says the screen has loaded (its heading, most often). */
  ready: RegExp;
}

interface Ids {
  draft: string;
  underReview: string;
  recused: string;
  meeting: string;
  programme: string;
  progressReport: string;
}

/** Every route of apps/web's router, as the role that uses it. */
function screens(ids: Ids): Screen[] {
  return [
    { name: 'home-fmu', as: FMU, path: '/', ready: /^Welcome/ },
    { name: 'home-agency', as: IOM, path: '/', ready: /^Welcome/ },
    { name: 'home-member', as: SC_UNDP, path: '/', ready: /^Welcome/ },
    { name: 'home-chair', as: CHAIR, path: '/', ready: /^Welcome/ },
    { name: 'home-aa', as: AA, path: '/', ready: /^Welcome/ },
    { name: 'home-donor', as: DONOR, path: '/', ready: /^Welcome/ },
    { name: 'home-admin', as: ADMIN, path: '/', ready: /^Welcome/ },
    { name: 'proposals', as: FMU, path: '/proposals', ready: /./ },
    { name: 'proposals-agency', as: IOM, path: '/proposals', ready: /./ },
    { name: 'proposal-new', as: IOM, path: '/proposals/new', ready: /./ },
    { name: 'proposal', as: IOM, path: `/proposals/${ids.draft}`, ready: /./ },
    { name: 'proposal-documents', as: FMU, path: `/proposals/${ids.underReview}?tab=documents`, ready: /./ },
    { name: 'proposal-edit', as: IOM, path: `/proposals/${ids.draft}/edit`, ready: /./ },
    { name: 'proposal-review', as: SC_UNDP, path: `/proposals/${ids.underReview}/review`, ready: /./ },
    { name: 'review-queue', as: SC_UNDP, path: '/review', ready: /./ },
    { name: 'screening', as: FMU, path: '/screening', ready: /./ },
    { name: 'meetings', as: FMU, path: '/meetings', ready: /./ },
    { name: 'meeting', as: CHAIR, path: `/meetings/${ids.meeting}`, ready: /./ },
    { name: 'pipeline', as: CHAIR, path: '/pipeline', ready: /./ },
    { name: 'fund', as: AA, path: '/fund', ready: /./ },
    { name: 'contributions', as: AA, path: '/contributions', ready: /./ },
    { name: 'programmes', as: FMU, path: '/programmes', ready: /./ },
    { name: 'programme', as: FMU, path: `/programmes/${ids.programme}`, ready: /./ },
    { name: 'programme-work', as: IOM, path: `/programmes/${ids.programme}/work`, ready: /./ },
    { name: 'calendar', as: FMU, path: '/calendar', ready: /./ },
    { name: 'progress-report', as: FMU, path: `/progress-reports/${ids.progressReport}`, ready: /./ },
    { name: 'portfolio', as: FMU, path: '/portfolio', ready: /./ },
    { name: 'actuals', as: FMU, path: '/actuals', ready: /./ },
    { name: 'results', as: FMU, path: '/results', ready: /./ },
    { name: 'reports', as: FMU, path: '/reports', ready: /./ },
    { name: 'reports-donor', as: DONOR, path: '/reports', ready: /./ },
    { name: 'audit', as: FMU, path: '/audit', ready: /./ },
    { name: 'narrative', as: FMU, path: '/narrative', ready: /./ },
    { name: 'notifications', as: IOM, path: '/notifications', ready: /./ },
    { name: 'notification-preferences', as: IOM, path: '/notifications/preferences', ready: /./ },
    { name: 'outbox', as: ADMIN, path: '/admin/outbox', ready: /./ },
    { name: 'not-found', as: FMU, path: '/no-such-screen', ready: /not found/i },
    { name: 'invalid-address', as: FMU, path: '/proposals/not-a-uuid', ready: /not valid/i },
  ];
}

/**
 * Every screen of the web app on demo data, as the role that uses it, on a laptop and a phone: no
 * horizontal scroll (and on a phone no table scrolling sideways in its box: lists are cards), what
 * a reader would stumble on (a table without headers, cut text, money not right-aligned, a date or
 * reference broken over two lines, an ISO date, bare GCM objective numbers), no serious or critical
 * accessibility violation (axe-core), no page error, and a screenshot of each (tests/artifacts/screenshots/screen-<name>-<size>.png). Then the details a
 * user hit: one date format, plain "not found" pages, confirmed deletes, the screening drawer's
 * links, no "Review" for a recused member, and the queue dashboard opened with the session.
 */
describe.each(SIZES)('Web journey: every screen at $width×$height', (size) => {
  let t: TestContext;
  let browser: Browser;
  let ids: Ids;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo({ app: t.app, dataSource: t.db, progress: () => undefined });
    const list = async (as: string, path: string) =>
      (
        await t.http
          .get(`${API}${path}`)
          .set(await t.as(as))
          .expect(200)
      ).body;
    const drafts = await list(IOM, '/proposals?status=DRAFT&pageSize=100');
    const reviewing = (await list(FMU, '/proposals?status=UNDER_REVIEW&pageSize=100')).items as {
      id: string;
      participatingOrgCodes: string[];
    }[];
    const queue = await list(SC_UNDP, '/review-queue');
    const meetings = await list(FMU, '/sc-meetings');
    const obligations = (await list(FMU, '/obligations?pageSize=100')).items as {
      progressReportId: string | null;
      programmeId: string;
    }[];
    const programmes = await list(IOM, '/programmes?pageSize=100');
    ids = {
      draft: drafts.items[0].id,
      underReview: (queue.items ?? queue)[0].proposalId,
      recused: reviewing.find((p) => p.participatingOrgCodes.includes('UNDP'))!.id,
      meeting: (meetings.items ?? meetings)[0].id,
      programme: programmes.items[0].id,
      progressReport: obligations.find((o) => o.progressReportId)!.progressReportId!,
    };
    browser = await openBrowser(t, { width: size.width, height: size.height });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every screen without overflow, accessibility violations or page errors', async () => {
    const problems: string[] = [];
    let signedIn = '';
    // One sign-in per role: the screens grouped by who uses them, in the list's order otherwise.
    const all = screens(ids);
    const roles = [...new Set(all.map((screen) => screen.as))];
    const ordered = roles.flatMap((role) => all.filter((screen) => screen.as === role));
    for (const screen of ordered) {
      if (signedIn !== screen.as) {
        // The first sign-in loads the app cold: on a busy machine it may need a second try.
        await browser.login(screen.as).catch(() => browser.login(screen.as));
        signedIn = screen.as;
      }
      const page = browser.page;
      await page.goto(`${browser.baseUrl}${screen.path}`);
      try {
        await page.getByRole('heading', { level: 1 }).filter({ hasText: screen.ready }).first().waitFor();
      } catch {
        problems.push(`${screen.name}: no heading matching ${screen.ready}`);
      }
      // Lazy panels and charts: wait until nothing is loading any more.
      await page
        .locator('[aria-busy="true"]')
        .first()
        .waitFor({ state: 'detached', timeout: 10000 })
        .catch(() => undefined);
      const wide = await overflow(page);
      if (wide > 0) problems.push(`${screen.name}: the page is ${wide}px wider than the window`);
      // On a phone a list is cards, not a table scrolled sideways inside its box.
      if (size.name === 'phone')
        for (const table of await tablesScrollingSideways(page))
          problems.push(`${screen.name}: ${table} scrolls sideways`);
      for (const problem of await readingProblems(page)) problems.push(`${screen.name}: ${problem}`);
      for (const chart of await legendsOutOfOrder(page)) problems.push(`${screen.name}: ${chart}`);
      // Names where names belong: no bare "TA4", "SENT", "version 0", nor a person by e-mail.
      for (const code of await codesShown(page)) problems.push(`${screen.name}: ${code}`);
      // A list's card on a phone is titled by what identifies the row, not by its date.
      if (size.name === 'phone')
        for (const card of await cardsTitledByDate(page)) problems.push(`${screen.name}: ${card}`);
      // A proposal names its GCM objectives ("6. Facilitate fair and ethical recruitment…"), not "6".
      if (screen.name === 'proposal') {
        const objectives = await page.getByTestId('gcm-objectives').innerText();
        if (!/^\d+\. [A-Z][a-z]+ /m.test(objectives) || /^\d+$/m.test(objectives))
          problems.push(`proposal: GCM objectives read "${objectives.replace(/\s+/g, ' ')}"`);
      }
      // The revision's "What changed" lines on programme-work are formatted by their own change.
      if (screen.name !== 'programme-work')
        for (const iso of await isoDatesShown(page)) problems.push(`${screen.name}: ISO date ${iso} shown`);
      for (const violation of await accessibilityProblems(page))
        problems.push(`${screen.name}: ${violation}`);
      await browser.shot(`screen-${screen.name}-${size.name}`);
      if (browser.errors.length) problems.push(`${screen.name}: ${browser.errors.splice(0).join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('shows dates one way: "3 Dec 2026" in tables, inputs and pickers', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/meetings`);
    await page
      .getByRole('button', { name: /New meeting|Schedule/ })
      .first()
      .click();
    const date = page.getByRole('dialog').getByLabel(/^Date/);
    await date.first().click();
    // The picker's calendar names months as the tables do; the typed date shows as the tables do.
    await date.first().fill('3 Dec 2026');
    await date.first().press('Tab');
    expect(await date.first().inputValue()).toBe('3 Dec 2026');
    await page.keyboard.press('Escape');
    // Tables: no ISO or mm/dd/yyyy date anywhere on the meetings list.
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/);
    expect(text).toMatch(/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/);
  });

  it('names what it shows: mail statuses in words in the outbox filter, people by name in the audit trail', async () => {
    const page = browser.page;
    await browser.login(ADMIN);
    await page.goto(`${browser.baseUrl}/admin/outbox`);
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option').first().waitFor();
    const statuses = await page.getByRole('option').allTextContents();
    expect(statuses).toEqual(expect.arrayContaining(['Sent', 'Bounced']));
    expect(statuses.filter((status) => /^[A-Z_]+$/.test(status))).toEqual([]);
    await page.keyboard.press('Escape');
    // The audit trail: who acted, by name; the e-mail the event recorded on hover.
    await browser.login(FMU);
    await page.goto(`${browser.baseUrl}/audit`);
    const who = page.getByTestId('audit-actor');
    await who.first().waitFor();
    const people = await who.allTextContents();
    expect(people.filter((person) => person.includes('@'))).toEqual([]);
    expect(people).toEqual(expect.arrayContaining([expect.stringMatching(/^[A-Z][a-zà-ÿ]+ [A-Z]/)]));
    const named = who.filter({ hasText: /^[A-Z][a-zà-ÿ]+ [A-Z]/ }).first();
    expect(await named.getAttribute('title')).toMatch(/^\S+@mptf\.test$/);
  });

  it('shows a plain "not valid" page, without "Try again", for an address that cannot exist', async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/proposals/not-a-uuid`);
    await page.getByRole('heading', { name: 'This address is not valid' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.getByText(/Validation failed/).count()).toBe(0);
    // An id of the right shape that names nothing: "not found", with a way back.
    await page.goto(`${browser.baseUrl}/programmes/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Back to the overview' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  });

  it('asks before deleting a document', async () => {
    await browser.login(IOM);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/proposals/${ids.draft}?tab=documents`);
    // Mantine's FileInput is a button that opens the system's file chooser.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /^File/ }).first().click();
    await (await chooser).setFiles({ name: 'note.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await page.getByRole('button', { name: 'Upload' }).click();
    const remove = page.getByRole('button', { name: 'Delete note.pdf' });
    await remove.waitFor();
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Delete note.pdf?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await page.waitForTimeout(300);
    expect(await remove.count()).toBe(1);
    await remove.click();
    await dialog.getByRole('button', { name: 'Delete document' }).click();
    await see(page.getByRole('button', { name: 'Delete note.pdf' })).toHaveCount(0);
  });

  it("links the screening drawer to the proposal's budget and documents", async () => {
    await browser.login(FMU);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/screening`);
    await page
      .getByRole('button', { name: /^Screen/ })
      .first()
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('link', { name: /^Documents/ }).waitFor();
    expect(await drawer.getByRole('link', { name: 'Budget by PUNO' }).getAttribute('href')).toMatch(
      /^\/proposals\/[0-9a-f-]{36}\?tab=overview$/,
    );
    await drawer.getByRole('link', { name: /^Documents/ }).click();
    await page.getByRole('tab', { name: /^Documents/, selected: true }).waitFor();
  });

  it('shows a member recused from a proposal why, instead of a "Review" button', async () => {
    await browser.login(SC_UNDP);
    const page = browser.page;
    await page.goto(`${browser.baseUrl}/proposals/${ids.recused}`);
    await page.getByTestId('recused-note').waitFor();
    expect(await page.getByTestId('recused-note').innerText()).toMatch(/your organization participates/);
    expect(await page.getByRole('link', { name: 'Review', exact: true }).count()).toBe(0);
    // Not recused: the button is there.
    await page.goto(`${browser.baseUrl}/proposals/${ids.underReview}`);
    await page.getByRole('link', { name: 'Review', exact: true }).waitFor();
  });

  it('opens the queue dashboard from the navigation with the session, and refuses it without one', async () => {
    const page = browser.page;
    // Without a session: refused, and a token in the address does not open it either.
    await browser.logout();
    const refused = await page.goto(`${browser.baseUrl}${DASHBOARD}`);
    expect(refused?.status()).toBe(401);
    const withToken = await page.goto(`${browser.baseUrl}${DASHBOARD}?token=${await t.token(FMU)}`);
    expect(withToken?.status()).toBe(401);
    // A donor has no link to it.
    await browser.login(DONOR);
    if (size.name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
    expect(await page.getByRole('button', { name: /Queue dashboard/ }).count()).toBe(0);
    await browser.login(FMU);
    if (size.name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('button', { name: /Queue dashboard/ }).click();
    await page.waitForURL(`${browser.baseUrl}${DASHBOARD}`);
    expect(page.url()).not.toContain('token');
    await page.getByText('Migration MPTF queues').first().waitFor();
    await browser.shot(`screen-queue-dashboard-${size.name}`);
  });
});
