import fc from 'fast-check';
import { eligibleProposal } from '../proposals/proposal-fixtures';
import { doneWhenMatrix } from '../results/results-fixtures';
import { concretePath, listRoutes, RouteInfo } from '../support/routes';
import { createTestContext, TestContext } from '../support/test-context';
import { FULL, reportFigure, size } from './support/figures';
import { allocatedProgramme, deposit, draftProposal, matrixWithActual } from './support/fixtures';
import { userFor } from './support/users';

/**
 * Property-based bad input: for every write route (POST/PUT/PATCH) fast-check generates bodies —
 * a known-good body with one field replaced by a hostile value, removed, or joined by an unknown
 * field, or arbitrary JSON — sent by a user the route's permission grants, against real records.
 * The properties: never a 5xx, and every 4xx names what is wrong (`details` with a field or rule
 * for 400/422, else a message).
 */
const WRITE_METHODS = ['POST', 'PUT', 'PATCH'];

/** Known-good bodies (api.md), keyed by "METHOD path"; routes built later get theirs already. */
const TEMPLATES: Record<string, unknown> = {
  'POST /api/v1/auth/login': { email: 'fmu@mptf.test', password: 'wrong-password' },
  'POST /api/v1/users': {
    email: 'fuzz.person@iom.int',
    name: 'Fuzz Person',
    password: 'a-long-password',
    roles: ['AGENCY_FOCAL_POINT'],
    organizationCode: 'IOM',
  },
  'PATCH /api/v1/settings/fund': { reviewWindowDays: 21, indirectRate: '0.07' },
  'PUT /api/v1/reference/thematic-areas/:code/gcm-objectives': { gcmObjectiveCodes: [1, 3, 17, 23] },
  'POST /api/v1/proposals': eligibleProposal(),
  'PATCH /api/v1/proposals/:id': { title: 'A revised title', durationMonths: 24 },
  'POST /api/v1/proposals/:id/withdraw': { comment: 'No longer needed' },
  'POST /api/v1/proposals/:id/screening': {
    outcome: 'PASS',
    comment: 'Complete',
    reviewDueDate: '2026-12-31',
  },
  'POST /api/v1/proposals/:id/conflicts': { reason: 'My agency is a partner' },
  'POST /api/v1/proposals/:id/reviews': {
    scores: [{ criterionCode: 'RELEVANCE', score: 4 }],
    recommendation: 'APPROVE',
    comment: 'Sound',
  },
  'POST /api/v1/proposals/:id/decision': {
    outcome: 'APPROVED',
    justification: 'Strong proposal',
    allocations: [{ orgCode: 'IOM', amount: '100.00' }],
  },
  'POST /api/v1/sc-meetings': { title: 'SC meeting', date: '2026-12-15', proposalIds: [] },
  'PUT /api/v1/pipeline': { proposalIds: [] },
  'POST /api/v1/contributions': {
    donorCode: 'DEU',
    kind: 'DEPOSIT',
    currency: 'EUR',
    amount: '1000.00',
    usdAmount: '1085.00',
    date: '2026-01-15',
  },
  'POST /api/v1/contributions/:id/reverse': { reason: 'Entered twice' },
  'POST /api/v1/fund/entries/:id/reverse': { reason: 'Entered twice' },
  'POST /api/v1/programmes/:id/transfers/:transferId/reverse': { reason: 'Entered twice' },
  'POST /api/v1/programmes/:id/refunds/:refundId/reverse': { reason: 'Entered twice' },
  'POST /api/v1/programmes/:id/expenditures/:reportId/reverse': { reason: 'Entered twice' },
  'POST /api/v1/fund/entries': { kind: 'INTEREST', amount: '10.00', date: '2026-02-01' },
  'POST /api/v1/agency-interest': { orgCode: 'IOM', amount: '10.00', date: '2026-02-01' },
  'POST /api/v1/agency-interest/:id/reverse': { reason: 'Entered twice' },
  'POST /api/v1/programmes/:id/transfers': { orgCode: 'IOM', amount: '10.00', date: '2026-03-01' },
  'POST /api/v1/programmes/:id/refunds': { orgCode: 'IOM', amount: '1.00', date: '2026-03-02' },
  'POST /api/v1/programmes/:id/expenditures': {
    orgCode: 'IOM',
    year: 2026,
    lines: [{ categoryCode: 1, amount: '1.00' }],
  },
  'POST /api/v1/programmes/:id/close': { kind: 'OPERATIONAL' },
  'PUT /api/v1/proposals/:id/results-matrix': doneWhenMatrix(),
  'POST /api/v1/results/fund-indicators': {
    code: 'FI-9.9',
    thematicAreaCode: 1,
    title: 'A fund indicator',
    measure: 'UNIT',
    unit: 'people',
  },
  'PATCH /api/v1/results/fund-indicators/:code': { title: 'Renamed' },
  'POST /api/v1/indicators/:id/actuals': {
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    value: 10,
    narrative: 'Progress',
  },
  'PATCH /api/v1/actuals/:id': { narrative: 'Updated narrative', value: 11 },
  'POST /api/v1/actuals/:id/return': { comment: 'Please add evidence' },
  'POST /api/v1/reports': { type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2025 } },
  'POST /api/v1/reports/batches': {
    type: 'CONTRIBUTOR_STATEMENT',
    format: 'pdf',
    parameters: { year: 2025 },
  },
};

/** Values that break parsers, validators and SQL: the replacement for one field. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '-0.01',
    '0.001',
    '1e309',
    '9'.repeat(40),
    '99999999999999.99',
    '2026-02-30',
    '2026-13-01',
    '1900-01-01',
    'NaN',
    'Infinity',
    null,
    -1,
    0,
    1.5,
    2 ** 31,
    2 ** 53,
    -(2 ** 63),
    1e308,
    true,
    [],
    {},
    [null],
    '\u0000',
    '💥'.repeat(50),
    'x'.repeat(5000),
    "'; DROP TABLE proposals; --",
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    { __proto__: { polluted: true } },
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function leafPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return [prefix, ...value.flatMap((item, index) => leafPaths(item, [...prefix, index]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]))];
  return [prefix];
}

function withChange(
  template: Json,
  path: (string | number)[],
  change: { set?: unknown; remove?: boolean },
): unknown {
  const copy = structuredClone(template) as Json;
  if (path.length === 0) return change.remove ? {} : change.set;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (change.remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = change.set;
  return copy;
}

function bodies(template: unknown): fc.Arbitrary<unknown> {
  const anyObject = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 6,
  });
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  if (template === undefined) return fc.oneof(anyObject, anyJson);
  const paths = leafPaths(template as Json);
  const replaced = fc
    .tuple(fc.constantFrom(...paths), hostile)
    .map(([path, value]) => withChange(template as Json, path, { set: value }));
  const removed = fc
    .constantFrom(...paths.filter((path) => path.length > 0))
    .map((path) => withChange(template as Json, path, { remove: true }));
  const extra = fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }))
    .map(([key, value]) => ({ ...(template as object), [key]: value }));
  return fc.oneof(
    { weight: 6, arbitrary: replaced },
    { weight: 2, arbitrary: removed },
    { weight: 1, arbitrary: extra },
    { weight: 1, arbitrary: anyObject },
    { weight: 1, arbitrary: anyJson },
  );
}

/** The body, or only what differs from the template (a mutated good body is long). */
function describeBody(body: unknown, template: unknown): string {
  if (template === undefined || !body || typeof body !== 'object' || Array.isArray(body))
    return JSON.stringify(body)?.slice(0, 300) ?? String(body);
  const before = template as Record<string, unknown>;
  const after = body as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return `template with ${changed.map((key) => `${key}=${JSON.stringify(after[key])?.slice(0, 200) ?? 'removed'}`).join(', ')}`;
}

interface Answer {
  status: number;
  body: { message?: unknown; details?: unknown };
}

/** Why this answer breaks the properties, or null when it is fine. */
function problem(answer: Answer): string | null {
  const { status, body } = answer;
  if (status >= 500) return `${status} ${JSON.stringify(body).slice(0, 300)}`;
  if (status < 400) return null;
  const message = typeof body?.message === 'string' ? body.message.trim() : '';
  const details = Array.isArray(body?.details) ? (body.details as Record<string, unknown>[]) : [];
  const detailsName =
    details.length > 0 && details.every((d) => typeof d.field === 'string' || typeof d.rule === 'string');
  const generic = ['', 'Bad Request', 'Unprocessable Entity', 'Internal server error'].includes(message);
  if ((status === 400 || status === 422) && !detailsName && generic)
    return `${status} names nothing: ${JSON.stringify(body)}`;
  if (!detailsName && !message) return `${status} without a message: ${JSON.stringify(body)}`;
  return null;
}

describe('reliability: bad input on every write route', () => {
  let t: TestContext;
  let routes: RouteInfo[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    routes = listRoutes(t.app).filter((route) => WRITE_METHODS.includes(route.method));
    ids.contribution = await deposit(t, '2000000.00');
    ids.programme = await allocatedProgramme(t, [
      { orgCode: 'IOM', amount: '500000.00' },
      { orgCode: 'UNICEF', amount: '300000.00' },
    ]);
    ids.proposal = await draftProposal(t);
    Object.assign(ids, await matrixWithActual(t, ids.programme));
    const [user] = (await t.db.query(`SELECT id FROM users WHERE email = 'undp.focal@mptf.test'`)) as {
      id: string;
    }[];
    ids.user = user.id;
  }, 120_000);
  afterAll(() => t.close());

  /** Real records for the route's parameters, so bodies reach the services, not only the pipes. */
  function pathOf(route: RouteInfo): string {
    const path = route.path
      .replace(/\/proposals\/:id\/results-matrix/, `/proposals/${ids.programme}/results-matrix`)
      .replace(/\/proposals\/:id/, `/proposals/${ids.proposal}`)
      .replace(/\/programmes\/:id/, `/programmes/${ids.programme}`)
      .replace(/\/contributions\/:id/, `/contributions/${ids.contribution}`)
      .replace(/\/indicators\/:id/, `/indicators/${ids.indicatorId}`)
      .replace(/\/actuals\/:id/, `/actuals/${ids.actualId}`)
      .replace(/\/users\/:id/, `/users/${ids.user}`)
      .replace(/\/fund-indicators\/:code/, '/fund-indicators/FI-1.1');
    return concretePath(path);
  }

  it(
    'never answers 5xx and every 4xx names the field or rule',
    async () => {
      const total = size(10_000, 500);
      const perRoute = Math.ceil(total / routes.length);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let sent = 0;
      for (const route of routes) {
        const auth = await t.as(userFor(route.permission));
        const path = pathOf(route);
        const template = TEMPLATES[`${route.method} ${route.path}`];
        let lastFailure = '';
        try {
          await fc.assert(
            fc.asyncProperty(bodies(template), async (body) => {
              const response = await t.http[route.method.toLowerCase() as 'post'](path)
                .set(auth)
                .set('content-type', 'application/json')
                .send(JSON.stringify(body));
              sent += 1;
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              const found = problem({ status: response.status, body: response.body });
              if (found) {
                lastFailure = `${describeBody(body, template)} → ${found}`;
                throw new Error(found);
              }
            }),
            { numRuns: perRoute, seed: FULL ? Date.now() : 20261130, endOnFailure: true },
          );
        } catch (error) {
          const seed = /seed: (-?\d+)/.exec((error as Error).message)?.[1];
          failures.push(
            `${route.method} ${route.path} (seed ${seed}): ${lastFailure || (error as Error).message}`,
          );
        }
      }
      const fiveHundreds = [...statuses.entries()]
        .filter(([status]) => status >= 500)
        .reduce((n, [, c]) => n + c, 0);
      const breakdown = [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
      reportFigure(
        'bad input',
        `requests over ${routes.length} write routes`,
        sent,
        FULL ? '≥ 10,000' : '~500',
        sent >= total * 0.9,
      );
      reportFigure(
        'bad input',
        `responses ≥ 500 (statuses: ${breakdown})`,
        fiveHundreds,
        '0',
        fiveHundreds === 0,
      );
      reportFigure(
        'bad input',
        'routes with a property failure',
        failures.length,
        '0',
        failures.length === 0,
      );
      expect(failures).toEqual([]);
    },
    FULL ? 30 * 60_000 : 120_000,
  );
});
