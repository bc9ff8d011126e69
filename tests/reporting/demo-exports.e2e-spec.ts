import { checkIatiRules } from '../results/iati-rules';
import { validateIatiActivities } from '../results/iati-validator';
import { TestContext } from '../support/test-context';
import { AA, demoContext, DONOR, FMU, FundStatusBody, getAsFmu, YEAR } from './demo-report-fixtures';
import { csvText, finished, pdfText, ReportRequests, reportRequests } from './report-fixtures';

/**
 * The demo portfolio's other outputs: the Administrative Agent's name from the fund settings, the
 * IATI export, and a donor viewer's own statement (the reports themselves: demo-reports.e2e-spec.ts).
 */
describe('exports and donor access on the demo portfolio', () => {
  let t: TestContext;
  let fundAll: FundStatusBody;
  let post: ReportRequests['post'];
  let download: ReportRequests['download'];

  beforeAll(async () => {
    t = await demoContext();
    ({ post, download } = reportRequests(t));
    fundAll = await getAsFmu<FundStatusBody>(t, '/fund/status');
  }, 420000);
  afterAll(() => t.close());

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
  }, 180000);

  it('refuses the IATI export until an administrator sets the fund’s publisher identifier', async () => {
    // No IATI_ORG_PREFIX in this deployment and none in the settings: no made-up identifier.
    const refused = await t.http.get('/api/v1/exports/iati-activities.xml').set(await t.as(FMU));
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'iatiOrganisationId', rule: 'IATI_PUBLISHER_NOT_SET' }),
    ]);
    const patched = await t.http
      .patch('/api/v1/settings/fund')
      .set(await t.as('admin@mptf.test'))
      .send({ iatiOrganisationId: 'XI-IATI-DEMOFUND' });
    expect(patched.status).toBe(200);
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
    expect(response.body).toContain('<iati-identifier>XI-IATI-DEMOFUND-FUND</iati-identifier>');
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
