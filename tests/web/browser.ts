import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, TestContext } from '../support/test-context';

/** Debian's Chromium (`apt-get install chromium`, see .ci/run); Playwright's own browsers cannot be downloaded here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', 'artifacts', 'screenshots');

/** The two sizes every screen must work at: a laptop and a phone. */
export const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core in the page: the serious and critical violations, each with where it is. Evaluated over
 * the DevTools protocol: the app's Content-Security-Policy (script-src 'self') refuses the inline
 * script page.addScriptTag would add, and is right to.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')).join(' | ')))`,
  )) as string[];
  return violations;
}

/** How far the page is wider than the window (≤ 0: no horizontal scroll). */
export async function overflow(page: Page): Promise<number> {
  return (await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')) as number;
}

/**
 * The tables in the main area that scroll sideways inside their box (each by its accessible name):
 * on a phone a list reads as cards, not as a table to scroll. The budget editor's grid and the
 * decision pack's proposals side by side are tables of inputs and of columns to compare: they
 * scroll by design, in a box a keyboard reaches.
 */
export async function tablesScrollingSideways(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    const byDesign = 'table.budget-grid, [aria-label="Proposals side by side"] table';
    for (const table of document.querySelectorAll('main table')) {
      if (table.matches(byDesign) || table.getClientRects().length === 0) continue;
      for (let box = table; box && box.tagName !== 'MAIN'; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (/auto|scroll/.test(style.overflowX) && box.scrollWidth > box.clientWidth + 1) {
          found.push((table.getAttribute('aria-label') || 'a table') + ' (' + box.scrollWidth + 'px in ' + box.clientWidth + 'px)');
          break;
        }
      }
    }
    return found;
  })()`)) as string[];
}

/**
 * What a reader of the main area (and of an open dialog) would stumble on: a table of three
 * columns or more without column headers (what is this figure?), an amount not right-aligned in
 * its column, text cut anywhere (an ellipsis or a clamp hiding the end of a title, a narrative or
 * a chosen option), tabs broken onto several lines or the chosen one scrolled out of view, a
 * chart's axis labels running into each other, and a reference (MIG-2026-0017) or a date
 * (3 Dec 2026) broken over two lines.
 */
export async function readingProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    const visible = (element) => element.getClientRects().length > 0;
    const name = (table) => table.getAttribute('aria-label') || 'a table';
    for (const table of document.querySelectorAll('main table')) {
      if (!visible(table)) continue;
      // A statement of "label: amount" lines reads without headers; three columns and more do not.
      const columns = Math.max(0, ...[...table.rows].map((row) => row.cells.length));
      if (columns > 2 && !table.querySelector('th')) found.push(name(table) + ' has no column headers');
      // Money is compared down a column under its header: right-aligned, like a statement's figures.
      for (const cell of table.querySelector('thead th') ? table.querySelectorAll('td') : []) {
        const text = cell.innerText.trim();
        if (visible(cell) && /^(US\\$\\s?|[A-Z]{3}\\s)?[-−]?[\\d,]+\\.\\d{2}$/.test(text) && !/right|end/.test(getComputedStyle(cell).textAlign))
          found.push(name(table) + ': the amount ' + text + ' is not right-aligned');
      }
    }
    // Text cut by a clamp or an ellipsis anywhere in the main area and in an open dialog: a
    // proposal's title on a meeting's card, a chosen option in its pill, a cell of a table.
    for (const element of document.querySelectorAll('main *, [role="dialog"] *')) {
      if (!visible(element) || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || !element.textContent.trim()) continue;
      const style = getComputedStyle(element);
      const clamped = style.webkitLineClamp && style.webkitLineClamp !== 'none';
      const ellipsis = style.textOverflow === 'ellipsis';
      if ((clamped && element.scrollHeight > element.clientHeight + 1) || (ellipsis && element.scrollWidth > element.clientWidth + 1)) {
        const table = element.closest('table');
        found.push((table ? name(table) + ': ' : '') + '"' + element.textContent.trim().slice(0, 40) + '…" is cut');
      }
    }
    // Tabs on one line: on a phone the tab list scrolls sideways rather than breaking into rows.
    for (const list of document.querySelectorAll('main [role="tablist"]')) {
      const tabs = [...list.querySelectorAll('[role="tab"]')].filter(visible);
      const rows = new Set(tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
      if (rows.size > 1) found.push('the tabs ' + tabs.map((tab) => '"' + tab.innerText.trim() + '"').join(', ') + ' break onto ' + rows.size + ' lines');
      // The chosen tab in the list's view (a link to ?tab=documents shows "Documents" chosen).
      const chosen = list.querySelector('[role="tab"][aria-selected="true"]');
      const box = list.getBoundingClientRect();
      if (chosen && (chosen.getBoundingClientRect().left < box.left - 1 || chosen.getBoundingClientRect().right > box.right + 1))
        found.push('the chosen tab "' + chosen.innerText.trim() + '" is scrolled out of view');
    }
    // A chart's axis labels apart from each other (tilted ones aside: their boxes overlap by design).
    for (const axis of document.querySelectorAll('main svg .recharts-cartesian-axis-tick-labels')) {
      const labels = [...axis.querySelectorAll('text')]
        .filter((text) => visible(text) && !/rotate\\(\\s*-?[1-9]/.test(text.getAttribute('transform') || ''))
        .map((text) => ({ text: text.textContent.trim(), box: text.getBoundingClientRect() }));
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i].box, labels[j].box];
          // Less than a space between them reads as one label.
          if (a.left < b.right + 4 && b.left < a.right + 4 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
            found.push('the chart labels "' + labels[i].text + '" and "' + labels[j].text + '" run into each other');
        }
    }
    const unbroken = /MIG-\\d{4}-\\d{4}|\\b\\d{1,2}\\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s\\d{4}\\b/g;
    const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Text for screen readers only (1 px wide) is on no line a reader sees.
      if (!node.parentElement || node.parentElement.getBoundingClientRect().width <= 1) continue;
      // Each reference or date of a text node ("1 Sep 2025 – 31 Aug 2026" has two) on one line.
      for (const match of node.textContent.matchAll(unbroken)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) found.push('"' + match[0] + '" is broken over two lines');
      }
    }
    return [...new Set(found)];
  })()`)) as string[];
}

/**
 * Charts whose legend lists the series in another order than the bars are drawn in (recharts 3
 * sorts a legend alphabetically unless told otherwise): each as "<chart>: the legend reads A, B,
 * C, the bars A, C, B". Legend items and bar series are matched by their colour.
 */
export async function legendsOutOfOrder(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    for (const chart of document.querySelectorAll('main .recharts-wrapper')) {
      const legend = [...chart.querySelectorAll('.recharts-legend-wrapper [class*="legendItemColor"]')].map((swatch) => {
        const overlay = swatch.querySelector('[class*="colorOverlay"]') || swatch;
        return { name: swatch.parentElement.innerText.trim(), colour: getComputedStyle(overlay).backgroundColor };
      });
      if (legend.length < 2) continue;
      const named = (colour) => (legend.find((item) => item.colour === colour) || { name: colour }).name;
      const bars = [...chart.querySelectorAll('.recharts-bar')]
        .map((series) => series.querySelector('.recharts-rectangle'))
        .filter(Boolean)
        .map((bar) => named(getComputedStyle(bar).fill));
      const order = legend.map((item) => item.name).filter((name) => bars.includes(name));
      if (order.join('|') !== bars.join('|'))
        found.push((chart.closest('[aria-label]') || chart).getAttribute('aria-label') + ': the legend reads ' + order.join(', ') + ', the bars ' + bars.join(', '));
    }
    return found;
  })()`)) as string[];
}

/**
 * Codes shown where a name belongs, in the main area's text (charts aside: an axis may be too
 * narrow for names, though a name beside a code is written the app's way; and `<code>`, a
 * setting's name or a mail's text as written): a thematic area as its bare code or written
 * otherwise than the app writes it ("TA4 · Regular pathways and development"), an enum value
 * ("UNDER_REVIEW"), a mail status as stored ("SENT", "KEPT"), "version 0" for the approved
 * proposal, and a person shown by e-mail in a "Who" column. Read from each element's own text
 * (textContent: a badge's capitals are its style, not its words).
 */
export async function codesShown(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    const main = document.querySelector('main');
    if (!main) return found;
    const codes = [
      [/\\bTA\\d+\\b(?! · [A-Z][a-z])/g, 'thematic area code (not "TA4 · name", as everywhere)'],
      [/\\b[A-Z]{2,}(?:_[A-Z]+)+\\b/g, 'code'],
      [/\\b(?:SENT|KEPT|PENDING|BOUNCED|FAILED|BLOCKED)\\b/g, 'status code'],
      [/\\bversion 0\\b/gi, 'version number 0 (it is the approved proposal)'],
    ];
    // A chart's axis may show the bare code, but a name beside it is written as everywhere else.
    const chartCodes = [[/\\bTA\\d+(?= (?!· )\\S)/g, 'thematic area on a chart (not "TA4 · name", as everywhere)']];
    for (const element of main.querySelectorAll('*')) {
      if (element.closest('code') || element.getClientRects().length === 0) continue;
      const own = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
      for (const [pattern, what] of element.closest('svg') ? chartCodes : codes)
        for (const match of own.matchAll(pattern)) found.push(what + ' "' + match[0] + '" shown: "' + own.trim().slice(0, 60) + '"');
    }
    for (const table of main.querySelectorAll('table')) {
      const headers = [...table.querySelectorAll('thead tr:last-child th')].map((th) => th.textContent.trim());
      const who = headers.findIndex((text) => /^(Who|By|Recorded by|Actor)$/.test(text));
      if (who < 0) continue;
      for (const row of table.querySelectorAll('tbody tr')) {
        const text = (row.cells[who]?.textContent ?? '').trim();
        if (/^\\S+@\\S+$/.test(text)) found.push((table.getAttribute('aria-label') || 'a table') + ': a person shown by e-mail (' + text + ')');
      }
    }
    return [...new Set(found)];
  })()`)) as string[];
}

/**
 * On a phone, the list cards whose title (ListTable's data-card-title, else the first cell) is a
 * date: a card is titled by what identifies its row (a donor, a reference and title). The lists
 * read by date keep it: a log (the audit trail), a ledger of movements, the meetings (each named
 * under its date).
 */
export async function cardsTitledByDate(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    const byDate = ['Audit trail', 'Movements', 'Meetings'];
    const date = /^\\d{1,2}\\s(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s\\d{4}/;
    for (const table of document.querySelectorAll('main .list-table table')) {
      const name = table.getAttribute('aria-label') || 'a table';
      if (byDate.includes(name) || table.getClientRects().length === 0) continue;
      const row = table.querySelector('tbody tr');
      const title = row && (row.querySelector('td[data-card-title]') || row.cells[0]);
      if (title && date.test(title.textContent.trim())) found.push(name + ': cards titled by a date (' + title.textContent.trim().slice(0, 30) + ')');
    }
    return found;
  })()`)) as string[];
}

/** ISO dates (2025-08-15) in the main area's text: every screen writes dates as "15 Aug 2025". */
export async function isoDatesShown(page: Page): Promise<string[]> {
  const text = await page.locator('main').innerText();
  return [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])];
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Signs out (if needed) and signs in through the login form. */
  login(email: string): Promise<void>;
  logout(): Promise<void>;
  /** Full-page screenshot (the window while a modal is open) into tests/artifacts/screenshots/<name>.png. */
  shot(name: string): Promise<void>;
  /** Errors the page threw or logged, so a journey can fail on them. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * The API of the test context listening on an ephemeral port (it serves the built SPA from
 * dist/web) and a headless Chromium with a fresh profile, sized like a laptop.
 */
export async function openBrowser(t: TestContext, viewport = { width: 1440, height: 900 }): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does it)`);
  const server = await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'mptf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  // The API's Content-Security-Policy: anything the page needs and the policy blocks fails the journey.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      errors.push(`csp: ${message.text()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  const logout = async () => {
    await page.evaluate('localStorage.clear()');
    await page.goto(`${baseUrl}/login`);
  };
  return {
    context,
    page,
    baseUrl,
    errors,
    logout,
    login: async (email) => {
      await page.goto(`${baseUrl}/login`);
      await page.evaluate('localStorage.clear()');
      await page.reload();
      await page.getByLabel('E-mail').fill(email);
      await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    },
    shot: async (name) => {
      // Let charts finish their entry animation before the picture; fixed header at the top.
      await page.waitForTimeout(600);
      await page.evaluate('window.scrollTo(0, 0)');
      // A modal's backdrop is as tall as the window: picture the window then, else the whole page.
      const modal = await page.getByRole('dialog').isVisible();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: !modal });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Types a date into a DateField ("3 Dec 2026" or ISO) and leaves it with Tab, as a user does: the
 * calendar that opens while typing closes on leaving and would otherwise cover the next field.
 */
export async function fillDate(scope: Page | Locator, label: string, value: string): Promise<void> {
  // By role: the field's clear button is labelled "Clear <label>" too.
  const field = scope.getByRole('textbox', { name: label, exact: true });
  await field.fill(value);
  await field.press('Tab');
}

/** Picks an option of a Mantine Select / MultiSelect by its label and the option's text. */
export async function choose(
  page: Page,
  label: string | RegExp,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: typeof label === 'string' }).first();
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
  // A MultiSelect stays open after a pick; leave it with Tab (Escape would also close a modal).
  if (await page.getByRole('listbox').isVisible()) await input.press('Tab');
}

async function poll(describe: () => Promise<string>, check: () => Promise<boolean>, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(await describe().catch((error: Error) => error.message));
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Waiting assertions on a locator (playwright-core has no `expect`): each polls until it holds or
 * fails after 15 s with what it saw.
 */
export function expect(locator: Locator) {
  const text = async () => (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
  return {
    toBeVisible: async () => {
      await locator.first().waitFor({ state: 'visible' });
    },
    toHaveCount: (count: number) =>
      poll(
        async () => `expected ${count} of ${locator}, found ${await locator.count()}`,
        async () => (await locator.count()) === count,
      ),
    toHaveText: (expected: string) =>
      poll(
        async () => `expected ${locator} to read "${expected}", it reads "${await text()}"`,
        async () => (await text()) === expected,
      ),
    toContainText: (expected: string | RegExp) =>
      poll(
        async () => `expected ${locator} to contain "${expected}", it reads "${await text()}"`,
        async () =>
          typeof expected === 'string' ? (await text()).includes(expected) : expected.test(await text()),
      ),
    toHaveAttribute: (name: string, value: string) =>
      poll(
        async () =>
          `expected ${locator} to have ${name}="${value}", found "${await locator.first().getAttribute(name)}"`,
        async () => (await locator.first().getAttribute(name)) === value,
      ),
  };
}
