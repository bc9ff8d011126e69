import { createTestContext, TestContext } from '../support/test-context';

interface Operation {
  operationId?: string;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Routes whose 2xx response the OpenAPI document does not describe: the web app's types and typed
 * client come from that document (apps/web/src/api/schema.d.ts), so an undeclared response is one
 * the web would have to type by hand. A 204 has no body; every other 2xx names its schema.
 */
function undeclaredResponses(document: { paths: Record<string, Record<string, Operation>> }) {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      const declared =
        success.length > 0 &&
        success.every(
          ([code, response]) =>
            code === '204' ||
            Object.values(response.content ?? {}).some((media) => media.schema !== undefined),
        );
      if (!declared) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}

describe('the OpenAPI document declares every route’s response', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a schema for each 2xx response (204 without a body)', async () => {
    const response = await t.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths).length).toBeGreaterThan(50);
    expect(undeclaredResponses(response.body)).toEqual([]);
  });

  it('flags an operation without one', () => {
    const document = {
      paths: {
        '/a': { get: { responses: { '200': { content: { 'application/json': { schema: {} } } } } } },
        '/b': { post: { responses: { '201': { description: 'made' } } } },
        '/c': { delete: { responses: { '204': { description: 'gone' } } } },
        '/d': { get: { responses: {} } },
      },
    };
    expect(undeclaredResponses(document)).toEqual(['POST /b', 'GET /d']);
  });
});
