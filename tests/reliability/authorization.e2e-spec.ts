import { ALL_ROLES } from '@mptf/identity';
import { anonymousLeaks, listRoutes, roleLeaks, RouteInfo, WALK_TIMEOUT } from '../support/routes';
import { createTestContext, TestContext } from '../support/test-context';
import { reportFigure } from './support/figures';

/**
 * Every route × every role against the one permission table, and every route without a token
 * (the walk of tests/support/routes.ts), reported as a figure: a leak is any answer that breaks it.
 */
describe('reliability: authorization', () => {
  let t: TestContext;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await createTestContext();
    routes = listRoutes(t.app).filter((route) => !route.isPublic);
  });
  afterAll(() => t.close());

  it(
    'has 0 leaks over every route × every role and without a token',
    async () => {
      const leaks = [...(await anonymousLeaks(t, routes)), ...(await roleLeaks(t, routes))];
      const checks = routes.length * (ALL_ROLES.length + 1);
      reportFigure(
        'authorization',
        `leaks over ${routes.length} routes × ${ALL_ROLES.length} roles + anonymous (${checks} checks)`,
        leaks.length,
        '0',
        leaks.length === 0,
      );
      expect(leaks).toEqual([]);
    },
    WALK_TIMEOUT,
  );
});
