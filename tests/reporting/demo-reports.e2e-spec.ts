import { groupThousands } from '@mptf/reporting';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { TestContext } from '../support/test-context';
import {
  AA_LABELS,
  demoContext,
  FORMATS,
  fundFigures,
  FundStatusBody,
  generateDemoReports,
  getAsFmu,
  pdfOutline,
  PortfolioGroupBody,
  priorOf,
  squeeze,
  YEAR,
} from './demo-report-fixtures';
import { csvText, pdfText, RunBody } from './report-fixtures';

/**
 * The four donor reports on the demo portfolio, through the real queue and a real worker: every
 * type in every format succeeds, the annual report's totals are the API's, and every document has
 * its contents, bookmarks, definitions and sheets. Settings, IATI and donor access on the same
 * portfolio: demo-exports.e2e-spec.ts.
 */
describe('donor reports on the demo portfolio', () => {
  let t: TestContext;
  let fundYear: FundStatusBody;
  let fundAll: FundStatusBody;
  let areas: PortfolioGroupBody[];
  let runs: Map<string, RunBody>;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    // Fourteen runs are requested at once by one user.
    t = await demoContext({ WORKER_CONCURRENCY: '6', REPORT_RUNS_PER_USER: '20' });
    ({ runs, files } = await generateDemoReports(t));
    fundYear = await getAsFmu<FundStatusBody>(t, `/fund/status?year=${YEAR}`);
    fundAll = await getAsFmu<FundStatusBody>(t, '/fund/status');
    areas = await getAsFmu<PortfolioGroupBody[]>(t, '/portfolio?groupBy=thematicArea');
  }, 420000);
  afterAll(() => t.close());

  it('generates each report type in each format', () => {
    for (const [name, run] of runs) {
      expect({ name, status: run.status, error: run.error }).toEqual({
        name,
        status: 'SUCCEEDED',
        error: undefined,
      });
      expect(run.source).toMatchObject({
        isolation: 'REPEATABLE READ',
        snapshotAt: expect.any(String),
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        omittedSections: [],
      });
      expect(files.get(name)?.length).toBe(run.bytes);
    }
    // Same data, same figures in every format.
    for (const type of ['annual', 'statement', 'factsheet', 'pack'])
      expect(new Set(FORMATS.map((f) => runs.get(`${type}.${f}`)?.source?.fingerprint)).size).toBe(1);
    // The spreadsheet editions' indicator rows, which the PDF leaves out, have their own digest.
    expect(runs.get('annual.pdf')?.source?.detailFingerprint).toBeUndefined();
    expect(runs.get('annual.xlsx')?.source?.detailFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(runs.get('annual.csv')?.source?.detailFingerprint).toBe(
      runs.get('annual.xlsx')?.source?.detailFingerprint,
    );
    expect(runs.get('annual.pdf')?.source).toMatchObject({
      inputs: { year: YEAR, aaFeeRate: '0.01' },
      rowCounts: { programmes: expect.any(Number), contributions: expect.any(Number) },
    });
  });

  it('puts the totals of /fund/status and /portfolio in the annual PDF', () => {
    const text = pdfText(files.get('annual.pdf')!);
    expect(text).toContain(`Annual consolidated report ${YEAR}`);
    for (const [path, value] of [...fundFigures(fundYear), ...fundFigures(fundAll)].filter(
      ([path]) => path !== 'totalBalance',
    ))
      expect({ path, found: text.includes(groupThousands(value)) }).toEqual({ path, found: true });
    // The ledger table: one line per item with prior years, the year, then the total.
    for (const [key, label] of Object.entries(AA_LABELS)) {
      // A long label wraps in its column: its first words start the line with the figures.
      const head = label.split(' ').slice(0, 5).join(' ');
      const line = text.split('\n').find((candidate) => candidate.trimStart().startsWith(head));
      const year = fundYear.withAdministrativeAgent[key];
      const all = fundAll.withAdministrativeAgent[key];
      expect(line?.replace(/\s+/g, ' ')).toContain(
        `${groupThousands(priorOf(all, year))} ${groupThousands(year)} ${groupThousands(all)}`,
      );
    }
    expect(areas).toHaveLength(5);
    for (const area of areas)
      for (const value of [area.allocated, area.expenditure]) expect(text).toContain(groupThousands(value));
    expect(parseFloat(areas[0].allocated) + parseFloat(areas[1].allocated)).toBeGreaterThan(0);
    expect(text).toMatch(/Page 2 of \d+/);
  });

  it('agrees with /fund/status and /portfolio in the CSV', () => {
    const lines = csvText(files.get('annual.csv')!).split('\r\n');
    const columns = (all: string, year: string) => `${priorOf(all, year)},${year},${all}`;
    for (const [key, label] of Object.entries(AA_LABELS))
      expect(lines).toContain(
        `"${label}",${columns(fundAll.withAdministrativeAgent[key], fundYear.withAdministrativeAgent[key])}`,
      );
    const spent = (s: FundStatusBody) => s.withParticipatingOrganizations.expenditure;
    expect(lines).toContain(`"Expenditure reported",${columns(spent(fundAll), spent(fundYear))}`);
    const priorBalance = priorOf(fundAll.totalBalance, fundYear.totalBalance);
    expect(lines).toContain(
      `"Total closing balance",${priorBalance},${fundAll.totalBalance},${fundAll.totalBalance}`,
    );
    for (const area of areas) {
      const row = new RegExp(`^"[^"]+",${area.programmes},${area.allocated},[-0-9.]+,${area.expenditure},`);
      expect({
        area: area.key,
        found: lines.some((line) => line.startsWith(`"${area.key}. `) && row.test(line)),
      }).toEqual({
        area: area.key,
        found: true,
      });
    }
  });

  it('agrees with /fund/status and /portfolio in the XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('annual.xlsx')! as unknown as ArrayBuffer);
    const rowsOf = (name: string) => {
      // Sheet names are cut at Excel's 31 characters.
      const sheet = workbook.worksheets.find((candidate) => name.startsWith(candidate.name));
      expect(sheet).toBeDefined();
      const rows: unknown[][] = [];
      sheet!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const aa = rowsOf('Funds with the Administrative Agent');
    expect(aa[0]).toEqual([
      'US$',
      `Prior years (to 31 Dec ${YEAR - 1})`,
      expect.stringMatching(new RegExp(`^${YEAR} \\(to \\d+ \\w{3} ${YEAR}\\)$`)),
      expect.stringMatching(/^Total \(to /),
    ]);
    for (const [key, label] of Object.entries(AA_LABELS)) {
      const year = fundYear.withAdministrativeAgent[key];
      const all = fundAll.withAdministrativeAgent[key];
      expect(aa).toContainEqual([label, Number(priorOf(all, year)), Number(year), Number(all)]);
    }
    const byArea = rowsOf('By thematic area (US$)');
    for (const area of areas)
      expect(byArea).toContainEqual([
        `${area.key}. ${area.label}`,
        area.programmes,
        Number(area.allocated),
        expect.any(Number),
        Number(area.expenditure),
        expect.anything(),
      ]);
  });

  it('states the contributor’s money, the factsheet’s money and results, and the pack’s balance', () => {
    const statement = pdfText(files.get('statement.pdf')!);
    expect(statement).toContain('Contributor statement');
    expect(statement).toContain('Germany (DEU)');
    expect(statement).toContain('EUR');
    expect(statement).toContain('Your share of the fund');
    const statementCsv = csvText(files.get('statement.csv')!);
    expect(statementCsv).toContain('"What the fund did with the money"');

    const factsheet = pdfText(files.get('factsheet.pdf')!);
    expect(factsheet).toContain('Funding and delivery');
    expect(factsheet).toContain('Results table');
    expect(factsheet).toContain('Standing');
    // Dates as every screen writes them: the latest approved period "1 Jan 2026 – 30 Jun 2026", not ISO.
    const factsheetCsv = csvText(files.get('factsheet.csv')!);
    expect(factsheetCsv).toMatch(/\b\d{1,2} [A-Z][a-z]{2} \d{4} – \d{1,2} [A-Z][a-z]{2} \d{4}\b/);
    expect(factsheetCsv).not.toMatch(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);

    const pack = pdfText(files.get('pack.pdf')!);
    expect(pack).toContain('Steering Committee decision pack');
    expect(pack).toContain('Proposals side by side');
    const packCsv = csvText(files.get('pack.csv')!);
    expect(packCsv).toMatch(/"If MIG-\d{4}-\d{4} approved"/);
    expect(packCsv).toContain('"If all approved"');
    expect(pack).toContain('Pipeline when the agenda was set');
    expect(pdfText(files.get('decided-pack.pdf')!)).toContain('Decisions recorded at this meeting');
    expect(pdfText(files.get('annual-inception.pdf')!)).toContain('Consolidated report since inception');
  });

  it('never pipelines for lack of funds a proposal its meeting’s pack says fits the funds', async () => {
    const decided = (await t.db.query(
      'SELECT DISTINCT meeting_id AS id FROM sc_decisions WHERE meeting_id IS NOT NULL',
    )) as { id: string }[];
    expect(decided.length).toBeGreaterThan(0);
    for (const { id } of decided) {
      const pack = await getAsFmu<{
        proposals: { proposalId: string; reference: string; fundable: boolean }[];
      }>(t, `/sc-meetings/${id}/pack`);
      const decisions = await getAsFmu<{ proposalId: string; outcome: string; justification: string }[]>(
        t,
        `/sc-meetings/${id}/decisions`,
      );
      for (const decision of decisions.filter((d) => d.outcome === 'PIPELINE')) {
        const row = pack.proposals.find((p) => p.proposalId === decision.proposalId)!;
        const forLackOfFunds = /new contributions|lack of funds|insufficient funds|not enough (money|funds)/i;
        expect({
          reference: row.reference,
          fitsTheFunds: row.fundable,
          pipelinedForLackOfFunds: forLackOfFunds.test(decision.justification),
        }).not.toMatchObject({ fitsTheFunds: true, pipelinedForLackOfFunds: true });
      }
    }
  });

  it('gives every PDF a contents page, bookmarks that open their section’s page, and definitions', () => {
    for (const name of ['annual.pdf', 'statement.pdf', 'factsheet.pdf', 'pack.pdf', 'decided-pack.pdf']) {
      const pdf = files.get(name)!;
      const pages = pdfText(pdf).split('\f');
      expect({ name, contents: pages[1].includes('Contents') }).toEqual({ name, contents: true });
      // The contents may run over several pages, each after the first headed "Contents (continued)".
      const contents = pages
        .filter((page, index) => index === 1 || page.includes('Contents (continued)'))
        .join('\n');
      const outline = pdfOutline(pdf);
      expect(outline.length).toBeGreaterThan(3);
      for (const item of outline) {
        // pdftotext may wrap a long title; its first words are on the page.
        const words = item.title.split(' ').slice(0, 3).join(' ');
        expect({
          name,
          item: item.title,
          onPage: squeeze(pages[item.page]).includes(squeeze(words)),
        }).toEqual({
          name,
          item: item.title,
          onPage: true,
        });
        expect({ name, item: item.title, listed: squeeze(contents).includes(squeeze(words)) }).toEqual({
          name,
          item: item.title,
          listed: true,
        });
      }
      expect(outline.map((item) => item.title)).toContain('Definitions');
    }
    const annual = pdfText(files.get('annual.pdf')!);
    for (const term of [
      'Net funded amount',
      'Delivery rate',
      'Commitment',
      'Deposit',
      'AA fee',
      'Indirect support costs',
    ])
      expect({ term, defined: annual.includes(term) }).toEqual({ term, defined: true });
  });

  it('leaves no page of a PDF near-empty: content reaches past a fifth of every page between the contents and the last', () => {
    for (const name of [
      'annual.pdf',
      'annual-inception.pdf',
      'statement.pdf',
      'factsheet.pdf',
      'pack.pdf',
      'decided-pack.pdf',
    ]) {
      const pdf = files.get(name)!;
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8'))![1],
      );
      // The last page holds what is left of the document, however short.
      for (let page = 3; page < pages; page++) {
        const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), '-', '-'], {
          input: pdf,
        }).toString('utf8');
        // The contents' last page ends where the list ends.
        if (/>Contents<\/word>\s*<word[^>]*>\(continued\)</.test(html)) continue;
        // Words between the running header (y < 50) and the footer (y > 790), A4 = 842 pt high.
        const bottom = Math.max(
          0,
          ...[...html.matchAll(/yMax="([\d.]+)"/g)]
            .map((match) => Number(match[1]))
            .filter((y) => y > 50 && y < 790),
        );
        expect({ name, page, nearEmpty: bottom < 64 + 0.2 * 714 }).toEqual({ name, page, nearEmpty: false });
      }
    }
  });

  it('writes XLSX sheets named in whole words, an index, frozen headers and number formats per column', async () => {
    for (const name of ['annual.xlsx', 'statement.xlsx', 'factsheet.xlsx', 'pack.xlsx']) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(files.get(name)! as unknown as ArrayBuffer);
      const index = workbook.worksheets[0];
      expect(index.name).toBe('Contents');
      const listed: { sheet: string; title: string }[] = [];
      index.eachRow((row, number) => {
        if (number > 1)
          listed.push({ sheet: String(row.getCell(1).value), title: String(row.getCell(2).value) });
      });
      expect(listed.map((entry) => entry.sheet)).toEqual(
        workbook.worksheets.slice(1).map((sheet) => sheet.name),
      );
      for (const sheet of workbook.worksheets) {
        expect(sheet.name.length).toBeLessThanOrEqual(31);
        expect({ name, sheet: sheet.name, view: sheet.views[0] }).toMatchObject({
          view: { state: 'frozen', ySplit: 1 },
        });
      }
      // A sheet's name is its table's title cut at a word boundary, never inside a word.
      for (const entry of listed.slice(1).filter((item) => item.sheet !== 'Definitions')) {
        const base = entry.sheet.replace(/ \(\d+\)$/, '');
        const clean = entry.title
          .replace(/[[\]:*?/\\]/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        const next = clean.charAt(base.length);
        expect({
          name,
          sheet: entry.sheet,
          wholeWords: clean.startsWith(base) && /^$|^[\s,;:.(]/.test(next),
        }).toEqual({
          name,
          sheet: entry.sheet,
          wholeWords: true,
        });
      }
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('statement.xlsx')! as unknown as ArrayBuffer);
    const formats = new Map<string, Set<string>>();
    for (const sheet of workbook.worksheets.slice(2)) {
      const header = sheet.getRow(1);
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        row.eachCell((cell, column) => {
          if (typeof cell.value !== 'number') return;
          const label = String(header.getCell(column).value);
          formats.set(label, (formats.get(label) ?? new Set()).add(cell.numFmt));
        });
      });
    }
    expect([...(formats.get('US$ per unit') ?? [])].every((format) => /^#,##0\.0{4,6}$/.test(format))).toBe(
      true,
    );
    expect([...(formats.get('US$') ?? [])]).toEqual(['#,##0.00']);
  });
});
