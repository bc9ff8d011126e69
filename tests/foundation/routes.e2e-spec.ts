import { ALL_ROLES, hasPermission, Role } from '@mptf/identity';
import { concretePath, listRoutes, RouteInfo } from '../support/routes';
import { createTestContext, TestContext } from '../support/test-context';

/** One demo user per role (api.md's demo users). */
const USER_BY_ROLE: Record<Role, string> = {
  [Role.ADMIN]: 'admin@mptf.test',
  [Role.FMU_OFFICER]: 'fmu@mptf.test',
  [Role.AA_OFFICER]: 'aa@mptf.test',
  [Role.SC_CHAIR]: 'chair@mptf.test',
  [Role.SC_MEMBER]: 'sc.undp@mptf.test',
  [Role.AGENCY_FOCAL_POINT]: 'iom.focal@mptf.test',
  [Role.DONOR_VIEWER]: 'donor.deu@mptf.test',
};

describe('every route declares a permission and enforces it for every role', () => {
  let t: TestContext;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await createTestContext();
    routes = listRoutes(t.app);
  });
  afterAll(() => t.close());

  it('finds the routes, and none lacks a permission unless explicitly public', () => {
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((route) => !route.isPublic && !route.permission);
    expect(undeclared.map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
    const publicRoutes = routes.filter((route) => route.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual(['GET /health', 'POST /api/v1/auth/login']);
  });

  it('answers 401 without a token on every non-public route', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const response = await t.http[route.method.toLowerCase() as 'get'](concretePath(route.path));
      if (response.status !== 401) leaks.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('answers 403 to every role the permission table does not grant, and never to one it grants', async () => {
    const problems: string[] = [];
    for (const role of ALL_ROLES) {
      const auth = await t.as(USER_BY_ROLE[role]);
      for (const route of routes.filter((r) => !r.isPublic)) {
        const response = await t.http[route.method.toLowerCase() as 'get'](concretePath(route.path)).set(
          auth,
        );
        const granted = hasPermission([role], route.permission as never);
        const deniedByRole =
          response.status === 403 && String(response.body.message).startsWith('Your roles do not grant');
        if (!granted && !deniedByRole)
          problems.push(`${role} ${route.method} ${route.path}: expected 403, got ${response.status}`);
        if (granted && (deniedByRole || response.status === 401 || response.status >= 500)) {
          problems.push(
            `${role} ${route.method} ${route.path}: granted but got ${response.status} ${response.body.message}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
