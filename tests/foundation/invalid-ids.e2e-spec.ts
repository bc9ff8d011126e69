import { ALL_ROLES, hasPermission } from '@mptf/identity';
import { listRoutes, USER_BY_ROLE } from '../support/routes';
import { createTestContext, TestContext } from '../support/test-context';

const CODE_PARAM = /code$|version|^[ab]$/i;

/** An address with something that is not an id where an id belongs answers 400 in plain words. */
describe('an invalid id in an address', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('GET /proposals/not-an-id says "… is not a valid id", naming the parameter', async () => {
    const response = await t.http.get('/api/v1/proposals/MIG-2026-0005').set(await t.as('fmu@mptf.test'));
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('id: "MIG-2026-0005" is not a valid id');
    expect(response.body.details).toEqual([
      { field: 'id', rule: 'ID', message: '"MIG-2026-0005" is not a valid id' },
    ]);
  });

  it('no route answers Nest’s "Validation failed (uuid is expected)"', async () => {
    const problems: string[] = [];
    for (const route of listRoutes(t.app).filter((r) => !r.isPublic && /:\w*id\b/i.test(r.path))) {
      const role = ALL_ROLES.find((candidate) => hasPermission([candidate], route.permission as never));
      if (!role) continue;
      const path = route.path.replace(/:(\w+)/g, (_m, name: string) => (CODE_PARAM.test(name) ? '1' : 'x-1'));
      const response = await t.http[route.method.toLowerCase() as 'get'](path).set(
        await t.as(USER_BY_ROLE[role]),
      );
      if (String(response.body.message).includes('uuid is expected'))
        problems.push(`${route.method} ${route.path}: ${response.body.message}`);
      if (route.method === 'GET' && !/is not a valid id/.test(String(response.body.message)))
        problems.push(`${route.method} ${route.path}: ${response.status} ${response.body.message}`);
    }
    expect(problems).toEqual([]);
  });
});
