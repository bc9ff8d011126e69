import { INestApplicationContext } from '@nestjs/common';
import { csvCell, groupThousands } from '@mptf/reporting';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../seeds/demo.seed';
import { createTestContext, TestContext } from '../support/test-context';
import { binary, finished, RunBody } from './report-fixtures';

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
  aaFees: 'Administrative Agent fees (1% of deposits)',
  totalUses: 'Total use of funds',
  balance: 'Balance with the Administrative Agent',
};

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
          keep(`${name.replace('.', '-')}.${run.format as Format}`, file);
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
    for (const [path, value] of [...fundFigures(fundYear), ...fundFigures(fundAll)])
      expect({ path, found: text.includes(groupThousands(value)) }).toEqual({ path, found: true });
    // The ledger table: one line per item with the year's figure then the cumulative one.
    for (const [key, label] of Object.entries(AA_LABELS)) {
      const line = text.split('\n').find((candidate) => candidate.trimStart().startsWith(label));
      expect(line?.replace(/\s+/g, ' ')).toContain(
        `${groupThousands(fundYear.withAdministrativeAgent[key])} ${groupThousands(fundAll.withAdministrativeAgent[key])}`,
      );
    }
    expect(areas).toHaveLength(5);
    for (const area of areas)
      for (const value of [area.allocated, area.transferred, area.expenditure])
        expect(text).toContain(groupThousands(value));
    expect(parseFloat(areas[0].allocated) + parseFloat(areas[1].allocated)).toBeGreaterThan(0);
    expect(text).toMatch(/Page 2 of \d+/);
  });

  it('agrees with /fund/status and /portfolio in the CSV', () => {
    const lines = files.get('annual.csv')!.toString('utf8').split('\r\n');
    for (const [key, label] of Object.entries(AA_LABELS))
      expect(lines).toContain(
        `"${label}",${fundYear.withAdministrativeAgent[key]},${fundAll.withAdministrativeAgent[key]}`,
      );
    expect(lines).toContain(
      `"Expenditure reported",${fundYear.withParticipatingOrganizations.expenditure},${fundAll.withParticipatingOrganizations.expenditure}`,
    );
    expect(lines).toContain(`"Total balance",${fundYear.totalBalance},${fundAll.totalBalance}`);
    for (const area of areas)
      expect(lines).toContain(
        [
          csvCell(`${area.key}. ${area.label}`, true),
          area.programmes,
          area.allocated,
          area.transferred,
          area.expenditure,
          area.deliveryRate,
        ].join(','),
      );
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
    expect(aa[0]).toEqual(['US$', String(YEAR), 'Since inception']);
    for (const [key, label] of Object.entries(AA_LABELS))
      expect(aa).toContainEqual([
        label,
        Number(fundYear.withAdministrativeAgent[key]),
        Number(fundAll.withAdministrativeAgent[key]),
      ]);
    const byArea = rowsOf('By thematic area (US$)');
    for (const area of areas)
      expect(byArea).toContainEqual([
        `${area.key}. ${area.label}`,
        area.programmes,
        Number(area.allocated),
        Number(area.transferred),
        Number(area.expenditure),
        Number(area.deliveryRate),
      ]);
  });

  it('states the contributor’s money, the factsheet’s money and results, and the pack’s balance', () => {
    const statement = pdfText(files.get('statement.pdf')!);
    expect(statement).toContain('Contributor statement');
    expect(statement).toContain('Germany (DEU)');
    expect(statement).toContain('EUR');
    expect(statement).toContain('Your share of the fund');
    const statementCsv = files.get('statement.csv')!.toString('utf8');
    expect(statementCsv).toContain('"Section","What the fund did with the money"');

    const factsheet = pdfText(files.get('factsheet.pdf')!);
    expect(factsheet).toContain('Funding and delivery');
    expect(factsheet).toContain('Results table');
    expect(factsheet).toContain('Standing');

    const pack = pdfText(files.get('pack.pdf')!);
    expect(pack).toContain('Steering Committee decision pack');
    expect(pack).toContain('Proposals side by side');
    const packCsv = files.get('pack.csv')!.toString('utf8');
    expect(packCsv).toMatch(/"If MIG-\d{4}-\d{4} approved"/);
    expect(packCsv).toContain('"If all approved"');
    expect(pack).toContain('Pipeline when the agenda was set');
    expect(pdfText(files.get('decided-pack.pdf')!)).toContain('Decisions recorded at this meeting');
    expect(pdfText(files.get('annual-inception.pdf')!)).toContain('Consolidated report since inception');
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
    expect((file.body as Buffer).toString('utf8')).toContain('"Contributor","Germany (DEU)"');
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
