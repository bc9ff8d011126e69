import { parseMoney } from '@mptf/platform';
import { CellValue, ReportType, TableBlock } from '@mptf/reporting';
import { DECIDED_PROPOSALS, FIRST_MEETING, SECOND_MEETING } from '../../seeds/demo/demo-review.data';
import { TestContext } from '../support/test-context';
import { demoContext, FMU, YEAR } from './demo-report-fixtures';
import { composeReport, finished, keep, pdfText, reportRequests, tableOf } from './report-fixtures';

const PAST = YEAR - 1;
const money = (value: CellValue) => parseMoney(String(value));

/** The table's row whose first cell matches. */
function row(table: TableBlock, item: RegExp): Record<string, CellValue> {
  const found = table.rows.find((r) => item.test(String(Object.values(r)[0])));
  if (!found) throw new Error(`no row ${item} in ${table.title}`);
  return found;
}

/** Rows with a count above zero, as {status: count}. */
function counts(table: TableBlock, key = 'count'): Record<string, CellValue> {
  return Object.fromEntries(
    table.rows.filter((r) => Number(r[key]) > 0).map((r) => [String(Object.values(r)[0]), r[key]]),
  );
}

/**
 * The demo portfolio's reports for its past year and the current one (issue 17): the earlier
 * rounds' history is dated at their meetings, so a past year's report counts the proposals as they
 * stood then, and every column of the annual report balances.
 */
describe('donor reports on the demo portfolio: the past year and the current one', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await demoContext();
  }, 300000);
  afterAll(() => t.close());

  const annual = (parameters: Record<string, unknown>) =>
    composeReport(t, ReportType.ANNUAL_CONSOLIDATED, parameters);

  it('dates the earlier rounds’ timeline at their meetings', async () => {
    for (const demo of DECIDED_PROPOSALS) {
      const meeting = (demo.meeting === 'first' ? FIRST_MEETING : SECOND_MEETING).date;
      const [decided] = (await t.db.query(
        `SELECT to_char(c.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
           FROM proposal_status_changes c JOIN proposals p ON p.id = c.proposal_id
          WHERE p.title = $1 AND c.to_status = $2 ORDER BY c.occurred_at LIMIT 1`,
        [demo.input.title, demo.decision],
      )) as { day: string }[];
      expect({ key: demo.key, day: decided.day }).toEqual({ key: demo.key, day: meeting });
    }
    // Nothing happens before it is created, and a programme is active from its first transfer.
    const outOfOrder = (await t.db.query(
      `SELECT p.reference FROM proposals p
        WHERE EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = p.id AND c.occurred_at < p.created_at)
           OR EXISTS (SELECT 1 FROM proposal_status_changes c
                       WHERE c.proposal_id = p.id AND c.to_status = 'ACTIVE'
                         AND c.occurred_at::date <> (SELECT min(e.entry_date) FROM ledger_entries e
                                                      WHERE e.proposal_id = p.id AND e.kind = 'TRANSFER'))`,
    )) as { reference: string }[];
    expect(outOfOrder).toEqual([]);
  });

  it(`counts in the ${PAST} report the proposals decided by then, as they stood at 31 December`, async () => {
    const report = await annual({ year: PAST });
    const proposals = counts(
      tableOf(report, new RegExp(`^All proposals by lifecycle status at 31 Dec ${PAST}`)),
    );
    expect(Object.keys(proposals).length).toBeGreaterThan(1);
    expect(proposals).toMatchObject({ 'Pipeline (endorsed, awaiting funds)': 1, Rejected: 1 });
    expect(tableOf(report, new RegExp(`^Proposals in the pipeline at 31 Dec ${PAST}`)).rows).toHaveLength(1);
    const programmes = counts(tableOf(report, /^Joint programmes by status/), 'programmes');
    expect(programmes).toMatchObject({ Active: expect.any(Number) });
  });

  it(`shows the programmes at work in ${PAST}: transfers, expenditure and interest of the year`, async () => {
    const report = await annual({ year: PAST });
    const aa = tableOf(report, /^Funds with the Administrative Agent/);
    const punos = tableOf(report, /^Funds with participating UN/);
    expect(money(row(aa, /^Transfers to participating/).current)).toBeGreaterThan(0n);
    expect(money(row(punos, /^Expenditure reported/).current)).toBeGreaterThan(0n);
    // The fund earns interest on what the Administrative Agent holds.
    expect(money(row(aa, /^Interest income/).current)).toBeGreaterThan(0n);
    // Each year's expenditure is its own: the year's and the prior years' add up to the total.
    const spent = row(punos, /^Expenditure reported/);
    expect(money(spent.prior) + money(spent.current)).toBe(money(spent.total));
  });

  it(`states the ${PAST} uses in a contributor statement without a negative “still held” part`, async () => {
    const statement = await composeReport(t, ReportType.CONTRIBUTOR_STATEMENT, {
      donorCode: 'DEU',
      year: PAST,
    });
    const year = tableOf(statement, new RegExp(`^Sources and uses of the fund in ${PAST}`));
    const spent = row(year, /spent by the organizations/);
    // The organizations spent more in the year than they received in it (from earlier transfers).
    expect(money(spent.fund)).toBeGreaterThan(money(row(year, /^Net funded/).fund));
    expect(spent.item).not.toMatch(/of which/);
    expect(row(year, /held by the organizations/).item).toBe(
      `  change in the balance held by the organizations in ${PAST}`,
    );
  });

  it('balances every column of the annual report: opening + net change = closing', async () => {
    for (const parameters of [{ year: PAST }, { year: YEAR }, {}]) {
      const report = await annual(parameters);
      const closings: Record<string, CellValue>[] = [];
      for (const title of [/^Funds with the Administrative Agent/, /^Funds with participating UN/]) {
        const ledger = tableOf(report, title);
        const opening = row(ledger, /^Opening balance/);
        const change = row(ledger, /^Net change/);
        for (const column of ['prior', 'current', 'total'])
          expect({ parameters, table: ledger.title, column, closing: money(ledger.totals![column]) }).toEqual(
            {
              parameters,
              table: ledger.title,
              column,
              closing: money(opening[column]) + money(change[column]),
            },
          );
        // The year opens at the prior years' close and closes where the total does.
        expect(money(opening.current)).toBe(money(ledger.totals!.prior));
        expect(money(ledger.totals!.current)).toBe(money(ledger.totals!.total));
        closings.push(ledger.totals!);
      }
      const total = tableOf(report, /^Total balance of the fund/);
      for (const column of ['prior', 'current', 'total'])
        expect(money(total.totals![column])).toBe(money(closings[0][column]) + money(closings[1][column]));
    }
  });

  it('renders every report type for the past year and the current one', async () => {
    const { post, download } = reportRequests(t);
    const [programme] = (await t.db.query(
      `SELECT p.id FROM proposals p WHERE p.status = 'ACTIVE' ORDER BY p.reference LIMIT 1`,
    )) as { id: string }[];
    const meetings = (await t.db.query(`SELECT id FROM sc_meetings ORDER BY meeting_date`)) as {
      id: string;
    }[];
    const requests: [string, object][] = [];
    for (const year of [PAST, YEAR]) {
      requests.push([`annual-${year}`, { type: 'ANNUAL_CONSOLIDATED', parameters: { year } }]);
      requests.push([
        `statement-deu-${year}`,
        { type: 'CONTRIBUTOR_STATEMENT', parameters: { donorCode: 'DEU', year } },
      ]);
    }
    requests.push(['factsheet', { type: 'PROGRAMME_FACTSHEET', parameters: { programmeId: programme.id } }]);
    requests.push(['portfolio-factsheet', { type: 'PROGRAMME_FACTSHEET', parameters: {} }]);
    for (const [index, meeting] of meetings.entries())
      requests.push([`pack-${index + 1}`, { type: 'DECISION_PACK', parameters: { meetingId: meeting.id } }]);
    const texts = new Map<string, string>();
    for (const [name, body] of requests) {
      const created = await post({ ...body, format: 'pdf' }, FMU);
      expect({ name, status: created.status }).toEqual({ name, status: 202 });
      const run = await finished(t, created.body.id, FMU, 120000);
      expect({ name, status: run.status, error: run.error }).toEqual({
        name,
        status: 'SUCCEEDED',
        error: undefined,
      });
      const file = (await download(run.id)).body as Buffer;
      keep(`${name}.pdf`, file);
      texts.set(name, pdfText(file));
    }
    expect(texts.get(`annual-${PAST}`)).toContain(`31 Dec ${PAST}`);
  }, 600000);
});
