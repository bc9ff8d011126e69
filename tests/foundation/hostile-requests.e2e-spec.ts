import { gzipSync } from 'node:zlib';
import { deeplyNested } from '../support/hostile-bodies';
import { createTestContext, TestContext } from '../support/test-context';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_BODY_DEPTH = 16;

describe('hostile requests: bounded bodies and encodings, before validation, on every route', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({
      env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES), MAX_BODY_DEPTH: String(MAX_BODY_DEPTH) },
    });
  });
  afterAll(() => t.close());

  /** The bytes as given (superagent would otherwise serialize a Buffer as JSON). */
  const postRaw = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    t.http
      .post(path)
      .set({ 'Content-Type': 'application/json', ...headers })
      .serialize((raw: unknown) => raw as string)
      .send(body);

  it('refuses a deeply nested body with 400 naming MAX_BODY_DEPTH, without a login and with one', async () => {
    const login = await postRaw('/api/v1/auth/login', deeplyNested(5000));
    expect(login.status).toBe(400);
    expect(login.body).toMatchObject({ statusCode: 400, correlationId: expect.any(String) });
    expect(login.body.message).toMatch(/deeper than 16 levels \(MAX_BODY_DEPTH\)/);

    const proposal = await postRaw(
      '/api/v1/proposals',
      deeplyNested(5000, 'title'),
      await t.as('iom.focal@mptf.test'),
    );
    expect(proposal.status).toBe(400);
    expect(proposal.body.message).toMatch(/MAX_BODY_DEPTH/);

    // Brackets inside strings are text, not nesting; a body at the limit reaches validation.
    const inString = await postRaw(
      '/api/v1/auth/login',
      JSON.stringify({ email: '[[[['.repeat(100), password: '{{{\\"' }),
    );
    expect(inString.status).toBe(400);
    expect(inString.body.message).not.toMatch(/MAX_BODY_DEPTH/);
    const atLimit = await postRaw('/api/v1/auth/login', deeplyNested(MAX_BODY_DEPTH - 1));
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
    );
  });

  it('refuses a body over MAX_BODY_BYTES with 413 naming the limit, also when it arrives compressed', async () => {
    const huge = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(MAX_BODY_BYTES) });
    const plain = await postRaw('/api/v1/auth/login', huge);
    expect(plain.status).toBe(413);
    expect(plain.body.message).toBe(
      `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes (MAX_BODY_BYTES)`,
    );
    const bomb = await postRaw('/api/v1/auth/login', gzipSync(huge), { 'Content-Encoding': 'gzip' });
    expect(bomb.status).toBe(413);
  });

  it('answers 415 for a JSON charset other than UTF-8 and for an unknown Content-Encoding, never 500', async () => {
    const body = JSON.stringify({ email: 'admin@mptf.test', password: 'demo1234' });
    const latin1 = await postRaw('/api/v1/auth/login', body, {
      'Content-Type': 'application/json; charset=latin1',
    });
    expect(latin1.status).toBe(415);
    expect(latin1.body.message).toMatch(/charset "latin1".*UTF-8/);
    const utf16 = await postRaw('/api/v1/auth/login', Buffer.from(body, 'utf16le'), {
      'Content-Type': 'application/json; charset=utf-16le',
    });
    expect(utf16.status).toBe(415);
    const unknownEncoding = await postRaw('/api/v1/auth/login', body, { 'Content-Encoding': 'snappy' });
    expect(unknownEncoding.status).toBe(415);
    expect(unknownEncoding.body.message).toMatch(/Content-Encoding "snappy"/);
    const corrupt = await postRaw('/api/v1/auth/login', Buffer.from('not gzip at all'), {
      'Content-Encoding': 'gzip',
    });
    expect(corrupt.status).toBe(400);
  });

  it('bounds form bodies the same way', async () => {
    const deep = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`email${'[a]'.repeat(100)}=x&password=y`);
    expect(deep.status).toBe(400);
    const large = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`email=a&password=${'x'.repeat(MAX_BODY_BYTES)}`);
    expect(large.status).toBe(413);
  });
});

describe('security headers', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('sets CSP, no framing, nosniff and no referrer on pages, API answers and errors; no X-Powered-By', async () => {
    const responses = {
      webApp: await t.http.get('/').set('Accept', 'text/html'),
      clientRoute: await t.http.get('/proposals/new').set('Accept', 'text/html'),
      openApi: await t.http.get('/api/docs/'),
      health: await t.http.get('/health'),
      json: await t.http.get('/api/v1/me').set(await t.as('fmu@mptf.test')),
      unauthorized: await t.http.get('/api/v1/me'),
      badJson: await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{'),
    };
    for (const [name, response] of Object.entries(responses)) {
      const headers = response.headers;
      expect({ name, status: response.status < 500 }).toEqual({ name, status: true });
      expect({ name, csp: headers['content-security-policy'] }).toEqual({
        name,
        csp: expect.stringContaining("script-src 'self'"),
      });
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("object-src 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect({ name, poweredBy: headers['x-powered-by'] }).toEqual({ name, poweredBy: undefined });
    }
    expect(responses.webApp.text).toContain('<div id="root">');
  });
});
