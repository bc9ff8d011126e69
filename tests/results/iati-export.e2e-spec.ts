import { FinanceService } from '@mptf/finance';
import { seedDemoResults } from '@mptf/seeds';
import { createTestContext, TestContext } from '../support/test-context';
import { checkIatiRules } from './iati-rules';
import { validateIatiActivities } from './iati-validator';
import { insertProposal } from './results-fixtures';

const API = '/api/v1';

describe('IATI 2.03 export of the demo portfolio', () => {
  let t: TestContext;
  let programmes: string[];

  beforeAll(async () => {
    t = await createTestContext({ env: { IATI_ORG_PREFIX: 'XI-IATI-MIGMPTF' } });
    programmes = [
      await insertProposal(t.db, {
        title: 'Protecting migrants on the Northern Central America route — "safe spaces" & referral',
        orgCodes: ['IOM', 'UNICEF', 'UNHCR'],
        countryCodes: ['GTM', 'HND', 'SLV'],
        scope: 'REGIONAL',
        thematicAreaCode: 2,
        startDate: '2023-03-01',
        durationMonths: 48,
        budget: [{ orgCode: 'IOM', categoryCode: 1, amountCents: 150000000n }],
      }),
      await insertProposal(t.db, {
        title: 'Fair recruitment of migrant workers <Nepal–Gulf corridor>',
        orgCodes: ['ILO', 'IOM'],
        countryCodes: ['NPL'],
        thematicAreaCode: 4,
        startDate: '2024-01-15',
        durationMonths: 36,
      }),
      await insertProposal(t.db, {
        title: 'Global migration data capacity',
        orgCodes: ['UNDESA', 'IOM', 'UNDP'],
        countryCodes: [],
        scope: 'GLOBAL',
        thematicAreaCode: 1,
        status: 'OPERATIONALLY_CLOSED',
        startDate: '2022-01-01',
        durationMonths: 36,
      }),
      await insertProposal(t.db, {
        title: 'Approved, awaiting its first transfer',
        orgCodes: ['UNDP', 'UNICEF'],
        thematicAreaCode: 5,
        status: 'APPROVED',
        startDate: null,
        createdAt: '2025-09-10T08:00:00Z',
        durationMonths: 24,
      }),
    ];
    // Not a programme: must not be exported.
    await insertProposal(t.db, { title: 'Still under review', status: 'UNDER_REVIEW' });
    await t.db.query(
      `INSERT INTO proposal_status_changes (proposal_id, from_status, to_status) VALUES ($1, 'ACTIVE', 'OPERATIONALLY_CLOSED')`,
      [programmes[2]],
    );
    await seedDemoResults({ app: t.app, dataSource: t.db, progress: () => undefined }, programmes);
  }, 120000);
  afterAll(() => t.close());

  const exportXml = async (as: string) =>
    (
      await t.http
        .get(`${API}/exports/iati-activities.xml`)
        .set(await t.as(as))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        })
    ).body as string;

  it('gives the demo programmes matrices and actuals in every state', async () => {
    const states = (await t.db.query(
      `SELECT status, count(*)::int AS n FROM indicator_actuals GROUP BY status ORDER BY status`,
    )) as { status: string; n: number }[];
    expect(states.map((s) => s.status)).toEqual(['APPROVED', 'DRAFT', 'RETURNED', 'SUBMITTED']);
    const [{ n }] = (await t.db.query(
      `SELECT count(DISTINCT proposal_id)::int AS n FROM matrix_results`,
    )) as { n: number }[];
    expect(n).toBe(4);
    // Idempotent: a second run adds nothing.
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM indicator_actuals`)) as { n: number }[];
    await seedDemoResults({ app: t.app, dataSource: t.db, progress: () => undefined }, programmes);
    const after = (await t.db.query(`SELECT count(*)::int AS n FROM indicator_actuals`)) as { n: number }[];
    expect(after[0].n).toBe(before[0].n);
  });

  it('exports every programme as an iati-activity that validates against the IATI 2.03 XSD', async () => {
    const response = await t.http
      .get(`${API}/exports/iati-activities.xml`)
      .set(await t.as('fmu@mptf.test'))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const xml = response.body as string;
    // The fund's own activity and the four programmes under it.
    expect((xml.match(/<iati-activity /g) ?? []).length).toBe(5);
    expect(xml).not.toContain('Still under review');
    expect(xml).toContain('<iati-identifier>XI-IATI-MIGMPTF-MIG-');
    expect(xml).toContain('"safe spaces" &amp; referral');
    expect(xml).toContain('&lt;Nepal–Gulf corridor&gt;');
    expect(xml).toMatch(/<activity-status code="3"\/>/);
    expect(xml).toMatch(/<activity-date type="4" iso-date="\d{4}-\d{2}-\d{2}"\/>/);
    expect(xml).toContain('<recipient-region code="998" vocabulary="1"/>');
    expect(xml).toContain('<reference vocabulary="99" code="FI-2.1"/>');
    expect(xml).toMatch(/<actual value="\d+"><dimension name="sex" value="female"\/><\/actual>/);
    expect(xml).not.toContain('<transaction>');

    const validation = await validateIatiActivities(xml);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);

    // The check can fail: the same file with one activity's reporting-org removed is refused.
    const broken = await validateIatiActivities(xml.replace(/<reporting-org [^>]*>.*?<\/reporting-org>/, ''));
    expect(broken.valid).toBe(false);
    expect(broken.errors.join('\n')).toContain('reporting-org');
  });

  it('carries the transfers and expenditure of the finance ledger, still valid', async () => {
    const aa = await t.as('aa@mptf.test');
    const deposit = await t.http.post(`${API}/contributions`).set(aa).send({
      donorCode: 'DEU',
      kind: 'DEPOSIT',
      currency: 'USD',
      amount: '2000000.00',
      usdAmount: '2000000.00',
      date: '2023-01-10',
    });
    expect(deposit.status).toBe(201);
    await t.db.transaction((manager) =>
      t.app.get(FinanceService).allocate(manager, {
        programmeId: programmes[0],
        allocations: [{ orgCode: 'IOM', amountCents: 100000000n }],
        actor: { id: null, email: 'test' },
      }),
    );
    const transfer = await t.http
      .post(`${API}/programmes/${programmes[0]}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '750000.00', date: '2023-03-01' });
    expect(transfer.status).toBe(201);
    const expenditure = await t.http
      .post(`${API}/programmes/${programmes[0]}/expenditures`)
      .set(await t.as('iom.focal@mptf.test'))
      .send({ orgCode: 'IOM', year: 2023, lines: [{ categoryCode: 1, amount: '312345.67' }] });
    expect(expenditure.status).toBe(201);
    const response = await t.http
      .get(`${API}/exports/iati-activities.xml`)
      .set(await t.as('aa@mptf.test'))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    const xml = response.body as string;
    expect(xml).toContain(
      '<transaction><transaction-type code="3"/><transaction-date iso-date="2023-03-01"/><value currency="USD" value-date="2023-03-01">750000.00</value>',
    );
    expect(xml).toMatch(
      /<transaction-type code="4"\/><transaction-date iso-date="\d{4}-\d{2}-\d{2}"\/><value currency="USD" value-date="\d{4}-\d{2}-\d{2}">312345.67<\/value>/,
    );
    // The fund's activity: the deposit in (1), the commitment out (2) naming the programme.
    expect(xml).toMatch(
      /<transaction-type code="1"\/><transaction-date iso-date="2023-01-10"\/><value currency="USD" value-date="2023-01-10">2000000.00<\/value><provider-org ref="XM-DAC-5" type="10"><narrative>[^<]+<\/narrative><\/provider-org>/,
    );
    expect(xml).toMatch(/<transaction-type code="2"\/>.*?receiver-activity-id="XI-IATI-MIGMPTF-MIG-/);
    // The programme: its commitment (2), the transfer (3), the expenditure dated by its year.
    expect(xml).toContain(
      '<transaction-type code="4"/><transaction-date iso-date="2023-12-31"/><value currency="USD" value-date="2023-12-31">312345.67</value>',
    );
    expect((xml.match(/<transaction-type code="2"\/>/g) ?? []).length).toBe(2);
    expect((xml.match(/<transaction>/g) ?? []).length).toBe(5);
    const validation = await validateIatiActivities(xml);
    expect(validation.errors).toEqual([]);
    expect(checkIatiRules(xml, new Date().toISOString().slice(0, 10))).toEqual([]);
    // The rules check can fail: a two-year budget and a future transaction are refused.
    const broken = xml
      .replace(
        /<period-end iso-date="(\d{4})/,
        (_m, year: string) => `<period-end iso-date="${Number(year) + 2}`,
      )
      .replace('<transaction-date iso-date="2023-03-01"/>', '<transaction-date iso-date="2999-03-01"/>');
    expect(checkIatiRules(broken, new Date().toISOString().slice(0, 10)).join('\n')).toMatch(
      /longer than a year[\s\S]*2999-03-01, in the future/,
    );
  });

  it('publishes what a publisher would: identifiers of every UN organization, markers, SDG tags, defaults, contact, links', async () => {
    const xml = (await exportXml('fmu@mptf.test')) as string;
    expect(xml).not.toContain('41119-MIGMPTF');
    expect(xml).toContain('<iati-identifier>XI-IATI-MIGMPTF-FUND</iati-identifier>');
    expect(xml).toContain('<related-activity ref="XI-IATI-MIGMPTF-FUND" type="1"/>');
    expect(xml).toMatch(
      /<participating-org ref="XM-DAC-41305" type="40" role="4"><narrative>United Nations Department/,
    );
    expect(xml).not.toMatch(/<participating-org type="40"/);
    expect(xml).toContain('<policy-marker vocabulary="1" code="1" significance="1"/>');
    expect(xml).toContain('<tag vocabulary="2" code="10">');
    expect(xml).toContain('<default-aid-type code="C01" vocabulary="1"/>');
    expect(xml).toContain('<website>https://migrationnetwork.un.org/mptf</website>');
    expect(xml).toMatch(
      /<document-link url="https:\/\/migrationnetwork.un.org\/mptf\/programmes\/MIG-[^"]+" format="text\/html">/,
    );
    // The fund's own identifier and contact come from its settings.
    const patched = await t.http
      .patch(`${API}/settings/fund`)
      .set(await t.as('admin@mptf.test'))
      .send({ iatiOrganisationId: 'XI-IATI-TESTFUND', contactEmail: 'fund@example.org' });
    expect(patched.status).toBe(200);
    const bad = await t.http
      .patch(`${API}/settings/fund`)
      .set(await t.as('admin@mptf.test'))
      .send({ iatiOrganisationId: 'XI-IATI-A/B' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('iatiOrganisationId');
    const again = (await exportXml('fmu@mptf.test')) as string;
    expect(again).toContain('<iati-identifier>XI-IATI-TESTFUND-FUND</iati-identifier>');
    expect(again).toContain('<email>fund@example.org</email>');
    expect((await validateIatiActivities(again)).errors).toEqual([]);
    await t.http
      .patch(`${API}/settings/fund`)
      .set(await t.as('admin@mptf.test'))
      .send({ iatiOrganisationId: null });
  });

  it('is only for roles with the IATI export permission', async () => {
    expect(
      (await t.http.get(`${API}/exports/iati-activities.xml`).set(await t.as('iom.focal@mptf.test'))).status,
    ).toBe(403);
    expect((await t.http.get(`${API}/exports/iati-activities.xml`)).status).toBe(401);
  });

  it('shows the demo results in the matrix and the FMU queue', async () => {
    const matrix = await t.http
      .get(`${API}/proposals/${programmes[0]}/results-matrix`)
      .set(await t.as('donor.deu@mptf.test'));
    expect(matrix.status).toBe(200);
    expect(matrix.body.results).toHaveLength(3);
    expect(matrix.body.progress.withActual).toBeGreaterThan(0);
    const queue = await t.http
      .get(`${API}/actuals?status=SUBMITTED&pageSize=200`)
      .set(await t.as('fmu@mptf.test'));
    expect(queue.body.total).toBeGreaterThan(0);
  });
});
