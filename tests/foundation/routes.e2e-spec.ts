import { anonymousLeaks, listRoutes, roleLeaks, RouteInfo, WALK_TIMEOUT } from '../support/routes';
import { createTestContext, TestContext } from '../support/test-context';

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

  it(
    'answers 401 without a token on every non-public route',
    async () => {
      expect(await anonymousLeaks(t, routes)).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'answers 403 to every role the permission table does not grant, and never to one it grants',
    async () => {
      expect(await roleLeaks(t, routes)).toEqual([]);
    },
    WALK_TIMEOUT,
  );
});
