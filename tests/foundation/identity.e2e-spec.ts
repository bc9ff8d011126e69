import { Permission, permissionsOf, Role } from '@mptf/identity';
import { createTestContext, TestContext } from '../support/test-context';

describe('identity', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('logs in a demo user and returns the contract shape', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'iom.focal@mptf.test', password: 'demo1234' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      user: {
        id: expect.any(String),
        email: 'iom.focal@mptf.test',
        name: expect.any(String),
        roles: ['AGENCY_FOCAL_POINT'],
        organizationCode: 'IOM',
      },
    });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'iom.focal@mptf.test',
      organizationCode: 'IOM',
      organizationType: 'UN_ENTITY',
    });
  });

  it('returns on /me the permissions the table grants the user’s roles, for the web app', async () => {
    for (const email of ['iom.focal@mptf.test', 'fmu@mptf.test', 'donor.deu@mptf.test']) {
      const me = await t.http.get('/api/v1/me').set(await t.as(email));
      expect(me.status).toBe(200);
      const granted = [...permissionsOf(me.body.roles as Role[])].sort();
      expect(me.body.permissions).toEqual(granted);
    }
    const focal = await t.http.get('/api/v1/me').set(await t.as('iom.focal@mptf.test'));
    expect(focal.body.permissions).toContain(Permission.PROPOSAL_SUBMIT);
    expect(focal.body.permissions).not.toContain(Permission.PROPOSAL_SCREEN);
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@mptf.test', password: 'demo1234' });
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'fmu@mptf.test', password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      correlationId: expect.any(String),
    });
  });

  it('refuses calls without a token, with a bad token, and for the wrong role', async () => {
    expect((await t.http.get('/api/v1/me')).status).toBe(401);
    expect((await t.http.get('/api/v1/me').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
    const forbidden = await t.http.get('/api/v1/users').set(await t.as('fmu@mptf.test'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('user.manage');
  });

  it('lets an admin create, list and deactivate users; a deactivated user’s token stops working', async () => {
    const admin = await t.as('admin@mptf.test');
    const created = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'New.Person@IOM.int',
        name: 'New Person',
        password: 'a-long-password',
        roles: ['AGENCY_FOCAL_POINT'],
        organizationCode: 'IOM',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.person@iom.int',
      organizationCode: 'IOM',
      active: true,
    });
    expect(created.body.passwordHash).toBeUndefined();

    const duplicate = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'new.person@iom.int',
        name: 'Again',
        password: 'a-long-password',
        roles: ['AGENCY_FOCAL_POINT'],
      });
    expect(duplicate.status).toBe(409);

    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'new.person@iom.int', password: 'a-long-password' });
    expect(login.status).toBe(200);
    const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
    expect((await t.http.get('/api/v1/me').set(bearer)).status).toBe(200);

    const list = await t.http.get('/api/v1/users?role=AGENCY_FOCAL_POINT&pageSize=200').set(admin);
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain('new.person@iom.int');
    expect(list.body).toMatchObject({ page: 1, pageSize: 200, total: expect.any(Number) });

    const deactivated = await t.http.post(`/api/v1/users/${created.body.id}/deactivate`).set(admin);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await t.http.get('/api/v1/me').set(bearer)).status).toBe(401);
    expect(
      (
        await t.http
          .post('/api/v1/auth/login')
          .send({ email: 'new.person@iom.int', password: 'a-long-password' })
      ).status,
    ).toBe(401);

    const audit = await t.http.get(`/api/v1/audit?entityType=user&entityId=${created.body.id}`).set(admin);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.deactivate',
      'user.create',
    ]);
    expect(audit.body.items[0]).toMatchObject({
      actorEmail: 'admin@mptf.test',
      before: { active: true },
      after: { active: false },
    });
  });

  it('rejects bad user input with 400 naming each field', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(await t.as('admin@mptf.test'))
      .send({ email: 'not-an-email', name: '', password: 'short', roles: ['KING'], extra: 1 });
    expect(response.status).toBe(400);
    const fields = (response.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'password', 'roles', 'extra']));
  });
});
