import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from './security-headers';

/** The response headers an app sends, without those of the moment (date, connection, length). */
async function headersOf(app: express.Express): Promise<Record<string, string>> {
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const response = await request(app).get('/');
  const { date: _date, connection: _connection, ...rest } = response.headers as Record<string, string>;
  return rest;
}

describe('security headers', () => {
  it('are the very headers helmet sets per request with the same options', async () => {
    const withHelmet = express();
    withHelmet.disable('x-powered-by');
    withHelmet.use(helmet(SECURITY_HEADER_OPTIONS));
    const withConstants = express();
    withConstants.disable('x-powered-by');
    const headers = securityHeaders();
    withConstants.use((_req, res, next) => {
      for (const [name, value] of headers) res.setHeader(name, value);
      next();
    });
    const expected = await headersOf(withHelmet);
    expect(await headersOf(withConstants)).toEqual(expected);
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expected['x-frame-options']).toBe('DENY');
    expect(expected['referrer-policy']).toBe('no-referrer');
    expect(expected['x-powered-by']).toBeUndefined();
  });
});
