import { createScriptDataSource } from '@mptf/platform';
import { seedReference } from '../../seeds/reference.seed';
import { createTestContext, TestContext } from '../support/test-context';

describe('reference data and fund settings', () => {
  let t: TestContext;
  let auth: { Authorization: string };
  beforeAll(async () => {
    t = await createTestContext();
    auth = await t.as('iom.focal@mptf.test');
  });
  afterAll(() => t.close());

  it('serves the five thematic areas with their mapped objectives', async () => {
    const response = await t.http.get('/api/v1/reference/thematic-areas').set(auth);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(5);
    expect(response.body[0]).toEqual({
      code: 1,
      title: 'Promoting fact-based and data-driven migration discourse, policy and planning',
      shortTitle: expect.any(String),
      gcmObjectiveCodes: [1, 3, 17, 23],
    });
    expect(response.body[4].title).toBe('Improving the social inclusion and integration of migrants');
  });

  it('serves 23 GCM objectives, 8 budget categories, criteria summing to 100 and every country', async () => {
    const objectives = await t.http.get('/api/v1/reference/gcm-objectives').set(auth);
    expect(objectives.body.map((o: { code: number }) => o.code)).toEqual(
      Array.from({ length: 23 }, (_, i) => i + 1),
    );
    expect(objectives.body[22]).toMatchObject({
      title:
        'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
      thematicAreaCodes: [1, 2, 3, 4, 5],
    });
    const categories = await t.http.get('/api/v1/reference/budget-categories').set(auth);
    expect(categories.body).toHaveLength(8);
    expect(categories.body[7]).toEqual({ code: 8, title: 'Indirect support costs', direct: false });
    const criteria = await t.http.get('/api/v1/reference/review-criteria').set(auth);
    expect(criteria.body.reduce((sum: number, c: { weight: number }) => sum + c.weight, 0)).toBe(100);
    const countries = await t.http.get('/api/v1/reference/countries').set(auth);
    expect(countries.body.length).toBe(249);
    expect(countries.body.find((c: { code: string }) => c.code === 'CIV')).toMatchObject({
      region: 'Africa',
    });
    const africa = await t.http.get('/api/v1/reference/countries?region=Africa').set(auth);
    expect(africa.body.every((c: { region: string }) => c.region === 'Africa')).toBe(true);
    const principles = await t.http.get('/api/v1/reference/guiding-principles').set(auth);
    expect(principles.body).toHaveLength(10);
  });

  it('lists organizations by type', async () => {
    const un = await t.http.get('/api/v1/organizations?type=UN_ENTITY').set(auth);
    const codes = un.body.map((o: { code: string }) => o.code);
    expect(codes).toEqual(
      expect.arrayContaining(['IOM', 'UNDP', 'UNICEF', 'ILO', 'UNWOMEN', 'UNHABITAT', 'UNDESA']),
    );
    expect(un.body.every((o: { type: string }) => o.type === 'UN_ENTITY')).toBe(true);
    const states = await t.http.get('/api/v1/organizations?type=MEMBER_STATE').set(auth);
    expect(states.body).toHaveLength(193);
    expect((await t.http.get('/api/v1/organizations?type=KINGDOM').set(auth)).status).toBe(400);
  });

  it('lets only admins change fund settings, validates them and audits the change', async () => {
    const before = await t.http.get('/api/v1/settings/fund').set(auth);
    expect(before.body).toEqual({
      minParticipatingOrganizations: 2,
      minMarkers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetCeiling: '5000000.00',
      minDurationMonths: 12,
      maxDurationMonths: 36,
      indirectRate: '0.07',
      aaFeeRate: '0.01',
      reviewWindowDays: 21,
      expenditureDeadline: '04-30',
      inceptionDate: '2019-01-01',
      maxEntryAmount: '1000000000.00',
      administrativeAgentName: 'UNDP Multi-Partner Trust Fund Office',
      iatiOrganisationId: null,
      contactEmail: null,
      website: 'https://migrationnetwork.un.org/mptf',
      narrativeReportDeadline: '03-31',
      finalNarrativeMonths: 3,
      finalFinancialMonths: 6,
      revisionMaxMoveRate: '0.20',
      revisionMaxExtensionMonths: 6,
      revisionsPerYearByFundUnit: 1,
      requiredDocuments: [],
    });
    expect(
      (await t.http.patch('/api/v1/settings/fund').set(auth).send({ minParticipatingOrganizations: 3 }))
        .status,
    ).toBe(403);

    const admin = await t.as('admin@mptf.test');
    const bad = await t.http
      .patch('/api/v1/settings/fund')
      .set(admin)
      .send({ indirectRate: 0.07, budgetCeiling: '1e6', expenditureDeadline: '13-01' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'budgetCeiling',
      'expenditureDeadline',
      'indirectRate',
    ]);
    const inverted = await t.http.patch('/api/v1/settings/fund').set(admin).send({ minDurationMonths: 40 });
    expect(inverted.status).toBe(400);
    expect(inverted.body.details[0].field).toBe('minDurationMonths');

    const patched = await t.http
      .patch('/api/v1/settings/fund')
      .set(admin)
      .send({ minParticipatingOrganizations: 3, budgetCeiling: '7500000.5', minMarkers: { gender: 3 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      minParticipatingOrganizations: 3,
      budgetCeiling: '7500000.50',
      minMarkers: { gender: 3, humanRights: 2 },
    });
    const audit = await t.http.get('/api/v1/audit?entityType=fund_settings').set(admin);
    expect(audit.body.items[0]).toMatchObject({
      action: 'settings.update',
      before: { minParticipatingOrganizations: 2 },
      after: { minParticipatingOrganizations: 3 },
    });
  });

  it('keeps the objective ↔ area mapping editable by admins', async () => {
    const admin = await t.as('admin@mptf.test');
    const updated = await t.http
      .put('/api/v1/reference/thematic-areas/1/gcm-objectives')
      .set(admin)
      .send({ gcmObjectiveCodes: [23, 1, 3] });
    expect(updated.status).toBe(200);
    expect(updated.body.gcmObjectiveCodes).toEqual([1, 3, 23]);
    expect(
      (
        await t.http
          .put('/api/v1/reference/thematic-areas/1/gcm-objectives')
          .set(admin)
          .send({ gcmObjectiveCodes: [24] })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.http
          .put('/api/v1/reference/thematic-areas/9/gcm-objectives')
          .set(admin)
          .send({ gcmObjectiveCodes: [1] })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .put('/api/v1/reference/thematic-areas/1/gcm-objectives')
          .set(auth)
          .send({ gcmObjectiveCodes: [1] })
      ).status,
    ).toBe(403);
  });

  it('seeds reference data idempotently: a second run changes nothing, admin edits survive', async () => {
    const snapshot = async () =>
      (
        await t.db.query(`
        SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM thematic_area_objectives t) AS mapping,
               (SELECT md5(string_agg(c::text, ',' ORDER BY c.code)) FROM countries c) AS countries,
               (SELECT md5(string_agg(o.code || o.name, ',' ORDER BY o.code)) FROM organizations o) AS organizations,
               (SELECT md5(f::text) FROM fund_settings f) AS settings,
               (SELECT count(*) FROM review_criteria) AS criteria`)
      )[0];
    const before = await snapshot();
    const dataSource = createScriptDataSource(t.databaseUrl);
    await dataSource.initialize();
    await dataSource.transaction((manager) => seedReference(manager));
    await dataSource.transaction((manager) => seedReference(manager));
    await dataSource.destroy();
    expect(await snapshot()).toEqual(before);
  });
});
