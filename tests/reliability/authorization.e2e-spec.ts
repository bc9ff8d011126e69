import { ALL_ROLES, hasPermission } from '@mptf/identity';
import { concretePath, listRoutes, RouteInfo } from '../support/routes';
import { createTestContext, TestContext } from '../support/test-context';
import { reportFigure } from './support/figures';
import { USER_BY_ROLE } from './support/users';

/**
 * Every route × every role against the one permission table: a role the table does not grant gets
 * 403 from the guard, a role it grants never does (nor 401, nor 5xx), and no route answers
 * without a token. A leak is any answer that breaks this.
 */
describe('reliability: authorization', () => {
  let t: TestContext;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await createTestContext();
    routes = listRoutes(t.app).filter((route) => !route.isPublic);
  });
  afterAll(() => t.close());

  it('has 0 leaks over every route × every role and without a token', async () => {
    const leaks: string[] = [];
    let checks = 0;
    const send = (route: RouteInfo, auth?: { Authorization: string }) => {
      const call = t.http[route.method.toLowerCase() as 'get'](concretePath(route.path));
      return auth ? call.set(auth) : call;
    };
    for (const route of routes) {
      checks += 1;
      const anonymous = await send(route);
      if (anonymous.status !== 401)
        leaks.push(`anonymous ${route.method} ${route.path} → ${anonymous.status}`);
    }
    for (const role of ALL_ROLES) {
      const auth = await t.as(USER_BY_ROLE[role]);
      for (const route of routes) {
        checks += 1;
        const response = await send(route, auth);
        const granted = hasPermission([role], route.permission as never);
        const deniedByRole =
          response.status === 403 && String(response.body.message).startsWith('Your roles do not grant');
        if (!granted && !deniedByRole)
          leaks.push(`${role} ${route.method} ${route.path} → ${response.status}`);
        if (granted && (deniedByRole || response.status === 401 || response.status >= 500))
          leaks.push(`${role} ${route.method} ${route.path} granted but → ${response.status}`);
      }
    }
    reportFigure(
      'authorization',
      `leaks over ${routes.length} routes × ${ALL_ROLES.length} roles + anonymous (${checks} checks)`,
      leaks.length,
      '0',
      leaks.length === 0,
    );
    expect(leaks).toEqual([]);
  });
});
