import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS } from './logging.module';

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
