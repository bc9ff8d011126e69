import pino from 'pino';
import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import { LogLevel, pinoHttpOptions, REDACTED_PATHS } from './logging.module';

describe('log redaction', () => {
  it('never writes passwords or tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({ req: { headers: { authorization: 'Bearer secret-token' } } }, 'request');
    logger.info({ body: { password: 'demo1234' }, accessToken: 'eyJabc', password: 'hunter2' }, 'login');
    const output = lines.join('');
    expect(output).not.toMatch(/secret-token|demo1234|eyJabc|hunter2/);
    expect(output.match(/\[redacted\]/g)).toHaveLength(4);
  });
});

describe('request logging (pino-http)', () => {
  async function serve(level: LogLevel, status: number) {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const middleware = pinoHttp(pinoHttpOptions(level), sink);
    let finishListeners = 0;
    const server = createServer((req, res) => {
      middleware(req, res, () => {
        finishListeners = res.listenerCount('finish');
        (req as typeof req & { log: { warn(message: string): void } }).log.warn('during the request');
        res.statusCode = status;
        res.end('done');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/v1/proposals`, { headers: { 'x-correlation-id': 'corr-1' } });
    server.close();
    await new Promise((done) => setImmediate(done));
    return { lines, finishListeners };
  }

  it('writes the request line at info, and nothing per response above info', async () => {
    const info = await serve('info', 200);
    expect(info.lines.map((line) => line.msg)).toEqual(['during the request', 'request completed']);
    const warn = await serve('warn', 200);
    expect(warn.lines.map((line) => line.msg)).toEqual(['during the request']);
    // No listener on the response for a line that is never written (node's own one stays).
    expect(info.finishListeners - warn.finishListeners).toBe(1);
  });

  it('names the request and its correlation id on a warning logged during it, at any level', async () => {
    for (const level of ['info', 'warn'] as const) {
      const { lines } = await serve(level, 500);
      expect(lines[0]).toMatchObject({
        msg: 'during the request',
        correlationId: 'corr-1',
        req: { id: 'corr-1', method: 'GET', url: '/api/v1/proposals' },
      });
    }
  });
});
