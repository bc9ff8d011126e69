import { createTestContext, TestContext } from '../support/test-context';

const API = '/api/v1';

describe('fund-level results framework', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('is seeded with indicators per thematic area, readable by everyone with results access', async () => {
    const response = await t.http
      .get(`${API}/results/fund-indicators`)
      .set(await t.as('donor.deu@mptf.test'));
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(15);
    expect(response.body[0]).toEqual({
      code: 'FI-1.1',
      thematicAreaCode: 1,
      title: expect.any(String),
      description: '',
      measure: 'UNIT',
      unit: 'institutions',
      active: true,
    });
    const area2 = await t.http
      .get(`${API}/results/fund-indicators?thematicArea=2`)
      .set(await t.as('iom.focal@mptf.test'));
    expect(area2.body.map((f: { code: string }) => f.code)).toEqual(['FI-2.1', 'FI-2.2', 'FI-2.3']);
  });

  it('lets the FMU add and edit fund indicators, audited', async () => {
    const fmu = await t.as('fmu@mptf.test');
    const created = await t.http.post(`${API}/results/fund-indicators`).set(fmu).send({
      code: 'FI-2.10',
      thematicAreaCode: 2,
      title: 'Children on the move referred to child protection services',
      measure: 'UNIT',
      unit: 'children',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'FI-2.10', active: true, description: '' });
    expect((await t.http.post(`${API}/results/fund-indicators`).set(fmu).send(created.body)).status).toBe(
      400,
    );
    const duplicate = await t.http
      .post(`${API}/results/fund-indicators`)
      .set(fmu)
      .send({ code: 'FI-2.10', thematicAreaCode: 2, title: 'again', measure: 'UNIT' });
    expect(duplicate.status).toBe(409);
    const unknownArea = await t.http
      .post(`${API}/results/fund-indicators`)
      .set(fmu)
      .send({ code: 'FI-9.1', thematicAreaCode: 9, title: 'nine', measure: 'UNIT' });
    expect(unknownArea.status).toBe(422);

    const patched = await t.http
      .patch(`${API}/results/fund-indicators/FI-2.10`)
      .set(fmu)
      .send({ description: 'Counted once per child', active: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      description: 'Counted once per child',
      active: false,
      unit: 'children',
    });
    const listed = await t.http.get(`${API}/results/fund-indicators?thematicArea=2`).set(fmu);
    expect(listed.body.map((f: { code: string }) => f.code)).toEqual(['FI-2.1', 'FI-2.2', 'FI-2.3']);
    const all = await t.http
      .get(`${API}/results/fund-indicators?thematicArea=2&includeInactive=true`)
      .set(fmu);
    expect(all.body.map((f: { code: string }) => f.code)).toEqual(['FI-2.1', 'FI-2.2', 'FI-2.3', 'FI-2.10']);

    expect(
      (await t.http.patch(`${API}/results/fund-indicators/FI-8.8`).set(fmu).send({ title: 'x' })).status,
    ).toBe(404);
    const audit = await t.http.get(`${API}/audit?entityType=fund-indicator&entityId=FI-2.10`).set(fmu);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'fund-indicator.update',
      'fund-indicator.create',
    ]);
  });

  it('is not editable by focal points or donors', async () => {
    const body = { code: 'FI-5.9', thematicAreaCode: 5, title: 'x', measure: 'UNIT' };
    for (const email of ['iom.focal@mptf.test', 'donor.deu@mptf.test', 'chair@mptf.test']) {
      expect(
        (
          await t.http
            .post(`${API}/results/fund-indicators`)
            .set(await t.as(email))
            .send(body)
        ).status,
      ).toBe(403);
    }
  });
});
