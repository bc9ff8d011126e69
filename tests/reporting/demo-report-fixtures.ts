import { formatMoney, parseMoney } from '@mptf/platform';
import { seedDemo } from '../../seeds/demo.seed';
import { createTestContext, TestContext } from '../support/test-context';
import { finished, keep, reportRequests, RunBody } from './report-fixtures';

export const FMU = 'fmu@mptf.test';
export const AA = 'aa@mptf.test';
export const DONOR = 'donor.deu@mptf.test';
export const YEAR = 2026;
export const FORMATS = ['pdf', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

export interface FundStatusBody {
  withAdministrativeAgent: Record<string, string>;
  withParticipatingOrganizations: Record<string, string>;
  totalBalance: string;
}
export interface PortfolioGroupBody {
  key: number | string;
  label: string;
  programmes: number;
  allocated: string;
  transferred: string;
  expenditure: string;
  deliveryRate: string;
}

export const squeeze = (text: string) => text.replace(/\s+/g, ' ');

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
export function pdfOutline(pdf: Buffer): { title: string; page: number }[] {
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

/** Every money figure of a fund status, as [path, value]. */
export function fundFigures(status: FundStatusBody): [string, string][] {
  return [
    ...Object.entries(status.withAdministrativeAgent).map(([k, v]) => [`aa.${k}`, v] as [string, string]),
    ...Object.entries(status.withParticipatingOrganizations).map(
      ([k, v]) => [`puno.${k}`, v] as [string, string],
    ),
    ['totalBalance', status.totalBalance],
  ];
}

export const AA_LABELS: Record<string, string> = {
  contributions: 'Contributions from donors',
  totalSources: 'Total source of funds',
  transfers: 'Transfers to participating UN organizations',
  aaFees: 'Administrative Agent fees',
  totalUses: 'Total use of funds',
  balance: 'Net change in the balance with the Administrative Agent',
};

/** total − current: the prior years' column of a report for the current year. */
export const priorOf = (total: string, current: string) =>
  formatMoney(parseMoney(total) - parseMoney(current));

/** GET /api/v1<path> as the FMU, expecting 200. */
export async function getAsFmu<T>(t: TestContext, path: string): Promise<T> {
  const response = await t.http.get(`/api/v1${path}`).set(await t.as(FMU));
  expect(response.status).toBe(200);
  return response.body as T;
}

/** A fresh context with the demo portfolio seeded and a real worker running. */
export async function demoContext(env: Record<string, string> = {}): Promise<TestContext> {
  const t = await createTestContext({ env });
  await seedDemo({ app: t.app, dataSource: t.db, progress: () => undefined });
  await t.startWorker();
  return t;
}

/** The ids the demo reports are about: a programme with expenditure and results, two meetings. */
async function demoSubjects(t: TestContext) {
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
  return { programme, upcoming, decided };
}

/**
 * Every report type in every format, the latest decided meeting's pack and the inception report,
 * requested at once and then awaited (the worker generates them in parallel): the runs and the
 * files of those that succeeded, by name (`annual.pdf`, `pack.csv`, `decided-pack.pdf`, …).
 */
export async function generateDemoReports(t: TestContext) {
  const { programme, upcoming, decided } = await demoSubjects(t);
  const { post, download } = reportRequests(t);
  const requests: [string, object][] = [];
  for (const format of FORMATS) {
    requests.push([`annual.${format}`, { type: 'ANNUAL_CONSOLIDATED', format, parameters: { year: YEAR } }]);
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

  const runs = new Map<string, RunBody>();
  const files = new Map<string, Buffer>();
  const ids = await Promise.all(
    requests.map(async ([name, body]) => {
      const response = await post(body);
      expect(response.status).toBe(202);
      return [name, response.body.id as string] as const;
    }),
  );
  await Promise.all(
    ids.map(async ([name, id]) => {
      const run = await finished(t, id, FMU, 120000);
      runs.set(name, run);
      if (run.status === 'SUCCEEDED') {
        const file = (await download(id)).body as Buffer;
        files.set(name, file);
        // A CSV report of several tables is a zip.
        const zipped = run.format === 'csv' && file.subarray(0, 2).toString() === 'PK';
        keep(`${name.replace('.', '-')}.${zipped ? 'zip' : (run.format as Format)}`, file);
      }
    }),
  );
  return { runs, files };
}
