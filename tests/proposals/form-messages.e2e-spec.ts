import { createTestContext, TestContext } from '../support/test-context';

const API = '/api/v1';
const IOM = 'iom.focal@mptf.test';

/** What an empty proposal form sends: every field present, nothing filled in. */
const EMPTY_FORM = {
  title: '',
  summary: '',
  stage: 'CONCEPT_NOTE',
  scope: 'NATIONAL',
  countryCodes: [],
  thematicAreaCode: 0,
  gcmObjectiveCodes: [],
  convenerCode: 'IOM',
  participatingOrgCodes: ['IOM'],
  durationMonths: 0,
  markers: { gender: 0, humanRights: 0, childSensitivity: 0 },
  budgetLines: [{ orgCode: 'IOM', categoryCode: 1, amount: '' }],
};

/** The server's validation messages name fields in the user's terms, one message per field. */
describe('validation messages in plain words', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('an empty proposal gets one plain message per field, naming it', async () => {
    const response = await t.http
      .post(`${API}/proposals`)
      .set(await t.as(IOM))
      .send(EMPTY_FORM);
    expect(response.status).toBe(400);
    const details = response.body.details as { field: string; message: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'Title is required' },
        { field: 'thematicAreaCode', message: 'Thematic area: choose one' },
        { field: 'durationMonths', message: 'Duration (months) must be at least 1' },
        { field: 'budgetLines.0.amount', message: 'Budget line 1: amount is required' },
      ]),
    );
    // One message per field and rule, none in class-validator's words.
    expect(details.filter((d) => d.field === 'title')).toHaveLength(1);
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/longer than or equal|must not be less than|should not be empty/);
  });

  it('formats money in messages the way people read it', async () => {
    const created = await t.http
      .post(`${API}/proposals`)
      .set(await t.as(IOM))
      .send({
        ...EMPTY_FORM,
        title: 'Too big',
        summary: 'Above the ceiling',
        thematicAreaCode: 1,
        gcmObjectiveCodes: [1],
        countryCodes: ['MEX'],
        participatingOrgCodes: ['IOM', 'UNDP'],
        durationMonths: 24,
        markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
        governmentEndorsement: { endorsed: true, date: '2026-01-10' },
        budgetLines: [{ orgCode: 'IOM', categoryCode: 1, amount: '5620000.50' }],
      });
    expect(created.status).toBe(201);
    const submitted = await t.http.post(`${API}/proposals/${created.body.id}/submit`).set(await t.as(IOM));
    expect(submitted.status).toBe(422);
    const ceiling = submitted.body.details.find((d: { rule: string }) => d.rule === 'BUDGET_CEILING');
    expect(ceiling.message).toMatch(/US\$ 6,013,400\.54/);
  });
});
