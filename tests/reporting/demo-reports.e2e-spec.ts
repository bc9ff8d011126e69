import { INestApplicationContext } from '@nestjs/common';
import { formatMoney, parseMoney } from '@mptf/platform';
import { groupThousands } from '@mptf/reporting';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../seeds/demo.seed';
import { createTestContext, TestContext } from '../support/test-context';
import { checkIatiRules } from '../results/iati-rules';
import { validateIatiActivities } from '../results/iati-validator';
import { binary, csvText, finished, RunBody } from './report-fixtures';

const FMU = 'fmu@mptf.test';
const AA = 'aa@mptf.test';
const DONOR = 'donor.deu@mptf.test';
const YEAR = 2026;
const FORMATS = ['pdf', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface FundStatusBody {
  withAdministrativeAgent: Record<string, string>;
  withParticipatingOrganizations: Record<string, string>;
  totalBalance: string;
}
interface PortfolioGroupBody {
  key: number | string;
  label: string;
  programmes: number;
  allocated: string;
  transferred: string;
  expenditure: string;
  deliveryRate: string;
}

/** Set REPORT_SAMPLES_DIR to keep the generated files for a look (pdftoppm -png -r 50 …). */
function keep(name: string, content: Buffer): void {
  const folder = process.env.REPORT_SAMPLES_DIR;
  if (folder) writeFileSync(join(folder, name), content);
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

const PDF_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** A PDF literal string's text: escapes undone, UTF-16BE (with its byte-order mark) decoded. */
function pdfString(literal: string): string {
  const bytes = literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_match, code: string) =>
    /^[0-7]+$/.test(code) ? String.fromCharCode(parseInt(code, 8)) : (PDF_ESCAPES[code] ?? code),
  );
  if (!bytes.startsWith('\u00fe\u00ff')) return bytes;
  const buffer = Buffer.from(bytes.slice(2), 'latin1');
  return buffer.swap16().toString('utf16le');
}

/** The PDF's bookmarks with the 0-based page each opens (pdfkit writes them uncompressed). */
function pdfOutline(pdf: Buffer): { title: string; page: number }[] {
  const text = pdf.toString('latin1');
  const kids = /\/Kids \[([^\]]*)\]/.exec(text)!;
  const pageRefs = [...kids[1].matchAll(/(\d+) 0 R/g)].map((match) => match[1]);
  return [...text.matchAll(/\/Dest \[(\d+) 0 R \/Fit\][^>]*?\/Title \(((?:\\[\s\S]|[^\\)])*)\)/g)].map(
    (match) => ({
      title: pdfString(match[2]),
      page: pageRefs.indexOf(match[1]),
    }),
  );
}

const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

/** Every money figure of a fund status, as [path, value]. */
function fundFigures(status: FundStatusBody): [string, string][] {
  return [
    ...Object.entries(status.withAdministrativeAgent).map(([k, v]) => [`aa.${k}`, v] as [string, string]),
    ...Object.entries(status.withParticipatingOrganizations).map(
      ([k, v]) => [`puno.${k}`, v] as [string, string],
    ),
    ['totalBalance', status.totalBalance],
  ];
}

const AA_LABELS: Record<string, string> = {
  contributions: 'Contributions from donors',
  totalSources: 'Total source of funds',
  transfers: 'Transfers to participating UN organizations',
  aaFees: 'Administrative Agent fees',
  totalUses: 'Total use of funds',
  balance: 'Net change in the balance with the Administrative Agent',
};

/** total − current: the prior years' column of a report for the current year. */
const priorOf = (total: string, current: string) => formatMoney(parseMoney(total) - parseMoney(current));

/**
 * The four donor reports on the demo portfolio, through the real queue and a real worker: every
 * type in every format succeeds, and the annual report's totals are the API's.
 */
describe('donor reports on the demo portfolio', () => {
  let t: TestContext;
  let worker: INestApplicationContext;
  let fundYear: FundStatusBody;
  let fundAll: FundStatusBody;
  let areas: PortfolioGroupBody[];
  const runs = new Map<string, RunBody>();
  const files = new Map<string, Buffer>();

  const post = async (body: object, as = FMU) =>
    t.http
      .post('/api/v1/reports')
      .set(await t.as(as))
      .send(body);
  const download = async (id: string, as = FMU) =>
    t.http
      .get(`/api/v1/reports/${id}/file`)
      .set(await t.as(as))
      .buffer(true)
      .parse(binary);
  const get = async <T>(path: string): Promise<T> => {
    const response = await t.http.get(`/api/v1${path}`).set(await t.as(FMU));
    expect(response.status).toBe(200);
    return response.body as T;
  };

  beforeAll(async () => {
    // Twelve runs (each type in each format) are requested at once by one user.
    t = await createTestContext({ env: { WORKER_CONCURRENCY: '6', REPORT_RUNS_PER_USER: '20' } });
    await seedDemo({ app: t.app, dataSource: t.db, progress: () => undefined });
    worker = await t.startWorker();
    void worker;

    const [programme] = (await t.db.query(
      `SELECT p.id FROM proposals p
        WHERE p.status = 'ACTIVE'
          AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.proposal_id = p.id AND e.kind = 'EXPENDITURE')
          AND EXISTS (SELECT 1 FROM indicator_actuals a JOIN indicators i ON i.id = a.indicator_id
                       WHERE i.proposal_id = p.id AND a.status = 'APPROVED')
        ORDER BY p.reference LIMIT 1`,
    )) as { id: string }[];
    const [upcoming] = (await t.db.query(
      `SELECT m.id FROM sc_meetings m WHERE NOT EXISTS (SELECT 1 FROM sc_decisions d WHERE d.meeting_id = m.id)
        ORDER BY m.meeting_date DESC LIMIT 1`,
    )) as { id: string }[];
    const [decided] = (await t.db.query(
      `SELECT m.id FROM sc_meetings m WHERE EXISTS (SELECT 1 FROM sc_decisions d WHERE d.meeting_id = m.id)
        ORDER BY m.meeting_date DESC LIMIT 1`,
    )) as { id: string }[];
    expect(programme && upcoming && decided).toBeTruthy();

    const requests: [string, object][] = [];
    for (const format of FORMATS) {
      requests.push([
        `annual.${format}`,
        { type: 'ANNUAL_CONSOLIDATED', format, parameters: { year: YEAR } },
      ]);
      requests.push([
        `statement.${format}`,
        { type: 'CONTRIBUTOR_STATEMENT', format, parameters: { donorCode: 'DEU' } },
      ]);
      requests.push([
        `factsheet.${format}`,
        { type: 'PROGRAMME_FACTSHEET', format, parameters: { programmeId: programme.id } },
      ]);
      requests.push([
        `pack.${format}`,
        { type: 'DECISION_PACK', format, parameters: { meetingId: upcoming.id } },
      ]);
    }
    requests.push([
      'decided-pack.pdf',
      { type: 'DECISION_PACK', format: 'pdf', parameters: { meetingId: decided.id } },
    ]);
    requests.push(['annual-inception.pdf', { type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: {} }]);

    // Queue everything first, then wait: the worker generates them in parallel.
    const ids = await Promise.all(
      requests.map(async ([name, body]) => {
        const response = await post(body);
        expect(response.status).toBe(202);
        return [name, response.body.id as string] as const;
      }),
    );
    await Promise.all(
      ids.map(async ([name, id]) => {
        runs.set(name, await finished(t, id, FMU, 120000));
        const run = runs.get(name)!;
        if (run.status === 'SUCCEEDED') {
          const file = (await download(id)).body as Buffer;
          files.set(name, file);
          // A CSV report of several tables is a zip.
          const zipped = run.format === 'csv' && file.subarray(0, 2).toString() === 'PK';
          keep(`${name.replace('.', '-')}.${zipped ? 'zip' : (run.format as Format)}`, file);
        }
      }),
    );

    fundYear = await get<FundStatusBody>(`/fund/status?year=${YEAR}`);
    fundAll = await get<FundStatusBody>('/fund/status');
    areas = await get<PortfolioGroupBody[]>('/portfolio?groupBy=thematicArea');
  }, 240000);
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

  it('names the Administrative Agent from the fund settings', async () => {
    const admin = await t.as('admin@mptf.test');
    const patched = await t.http
      .patch('/api/v1/settings/fund')
      .set(admin)
      .send({ administrativeAgentName: 'Multi-Partner Trust Fund Office (test)' });
    expect(patched.status).toBe(200);
    try {
      const run = await post({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: YEAR } });
      expect((await finished(t, run.body.id, FMU, 120000)).status).toBe('SUCCEEDED');
      const text = pdfText((await download(run.body.id)).body as Buffer);
      expect(text).toContain('Multi-Partner Trust Fund Office (test)');
      expect(text).not.toContain('UNDP Multi-Partner Trust Fund Office');
    } finally {
      await t.http
        .patch('/api/v1/settings/fund')
        .set(admin)
        .send({ administrativeAgentName: 'UNDP Multi-Partner Trust Fund Office' });
    }
  });

  it('exports the demo portfolio to IATI valid against the XSD and the rules beyond it, refunds reconciling', async () => {
    const response = await t.http
      .get('/api/v1/exports/iati-activities.xml')
      .set(await t.as(FMU))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    const xml = response.body as string;
    expect((await validateIatiActivities(xml)).errors).toEqual([]);
    expect(checkIatiRules(xml, new Date().toISOString().slice(0, 10))).toEqual([]);
    // Refunds are negative disbursements: per activity, disbursements sum to transfers − refunds.
    const refunds = [
      ...xml.matchAll(/<transaction-type code="3"\/>[^]*?<value [^>]*>(-[\d.]+)<\/value><description>/g),
    ];
    expect(refunds.length).toBeGreaterThan(0);
    const net =
      Number(fundAll.withParticipatingOrganizations.transfers) -
      Number(fundAll.withParticipatingOrganizations.refunds);
    const programmes = xml.split('<iati-activity ').filter((part) => part.includes('hierarchy="2"'));
    const disbursed = programmes
      .flatMap((part) => [
        ...part.matchAll(/<transaction-type code="3"\/><transaction-date [^>]*\/><value [^>]*>(-?[\d.]+)</g),
      ])
      .reduce((sum, match) => sum + Math.round(Number(match[1]) * 100), 0);
    expect(disbursed).toBe(Math.round(net * 100));
  });

  it('gives a donor viewer its own statement and refuses another donor’s', async () => {
    const other = await post(
      { type: 'CONTRIBUTOR_STATEMENT', format: 'pdf', parameters: { donorCode: 'NOR' } },
      DONOR,
    );
    expect(other.status).toBe(403);
    const own = await post(
      { type: 'CONTRIBUTOR_STATEMENT', format: 'csv', parameters: { donorCode: 'DEU' } },
      DONOR,
    );
    expect(own.status).toBe(202);
    const run = await finished(t, own.body.id, DONOR);
    expect(run.status).toBe('SUCCEEDED');
    const file = await download(own.body.id, DONOR);
    expect(file.status).toBe(200);
    expect(csvText(file.body as Buffer)).toContain('"Contributor","Germany (DEU)"');
    // Another donor's statement made by the AA stays closed to this donor.
    const norByAa = runs.get('statement.pdf')!;
    expect(norByAa).toBeDefined();
    const aaRun = await post(
      { type: 'CONTRIBUTOR_STATEMENT', format: 'csv', parameters: { donorCode: 'NOR' } },
      AA,
    );
    expect(aaRun.status).toBe(202);
    expect((await t.http.get(`/api/v1/reports/${aaRun.body.id}`).set(await t.as(DONOR))).status).toBe(403);
    expect((await download(aaRun.body.id, DONOR)).status).toBe(403);
    await finished(t, aaRun.body.id);
  });
});
