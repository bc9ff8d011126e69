import { ArgumentsHost, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { bodyParserError, DomainErrorFilter, unavailableDependency } from './domain-error.filter';

/** The filter's answer to `exception`, through a minimal HTTP host. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type() {
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 'corr-1', method: 'POST', path: '/api/v1/programmes/x/transfers' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(exception, host);
  return sent;
}

/** A driver error as `pg` raises it, wrapped by TypeORM as the services see it. */
function databaseError(code: string, message: string, detail: string): QueryFailedError {
  const driverError = Object.assign(new Error(message), {
    code,
    detail,
    table: 'ledger_entries',
    constraint: 'ledger_entries_amount_check',
    schema: 'public',
  });
  return new QueryFailedError('INSERT INTO ledger_entries …', ['secret-param'], driverError);
}

describe('DomainErrorFilter and database errors', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  const actor = '5b0e7a52-3c1f-4d7e-9a53-2f6f0d1c9e11';
  it.each([
    ['23514', 422, 'DATABASE_CHECK'],
    ['23505', 409, 'DATABASE_UNIQUE'],
    ['23503', 409, 'DATABASE_REFERENCE'],
    ['22P02', 400, 'DATABASE_FORMAT'],
    ['23502', 400, 'DATABASE_REQUIRED'],
  ])('answers %s with %i and never the driver’s message, detail or row', (code, status, rule) => {
    const exception = databaseError(
      code,
      'new row for relation "ledger_entries" violates check constraint "ledger_entries_amount_check"',
      `Failing row contains (e1, 42, TRANSFER, 2026-03-01, 2026, 0, null, ${actor}).`,
    );
    const { status: sent, body } = answer(exception);
    expect(sent).toBe(status);
    expect(body).toMatchObject({ statusCode: status, correlationId: 'corr-1', details: [{ rule }] });
    const text = JSON.stringify(body);
    for (const leak of [
      'Failing row',
      actor,
      'ledger_entries',
      'constraint',
      'relation "',
      'secret-param',
      'INSERT',
    ])
      expect(text).not.toContain(leak);
  });

  it('says which dependency is down without the connection error’s text', () => {
    const { status, body } = answer(
      Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' }),
    );
    expect(status).toBe(503);
    expect(JSON.stringify(body)).not.toContain('10.1.2.3');
    expect(body.details).toEqual([{ rule: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable' }]);
  });
});

describe('unavailableDependency', () => {
  it('names the queue for Redis connection failures', () => {
    expect(
      unavailableDependency(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe('queue');
    expect(unavailableDependency(new Error('Connection is closed.'))).toBe('queue');
    expect(
      unavailableDependency(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('queue');
  });

  it('names the database for PostgreSQL connection failures, also wrapped by TypeORM', () => {
    expect(
      unavailableDependency(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('database');
    expect(
      unavailableDependency(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe('database');
    expect(
      unavailableDependency({
        message: 'query failed',
        driverError: new Error('Connection terminated unexpectedly'),
      }),
    ).toBe('database');
  });

  it('leaves every other error alone', () => {
    expect(unavailableDependency(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(unavailableDependency(new Error('boom'))).toBeNull();
    expect(unavailableDependency(undefined)).toBeNull();
  });
});

describe('bodyParserError', () => {
  it('maps what the body parsers refuse to its 4xx with the rule, and nothing else', () => {
    expect(bodyParserError({ type: 'entity.too.large', status: 413, expose: true, limit: 1024 })).toEqual({
      status: 413,
      message: 'The request body is larger than the limit of 1024 bytes (MAX_BODY_BYTES)',
    });
    expect(
      bodyParserError({ type: 'charset.unsupported', status: 415, expose: true, charset: 'latin1' }),
    ).toEqual({ status: 415, message: 'Unsupported charset "latin1": send the body as UTF-8' });
    expect(
      bodyParserError({ type: 'encoding.unsupported', status: 415, expose: true, encoding: 'snappy' }),
    ).toEqual({
      status: 415,
      message: 'Unsupported Content-Encoding "snappy": use gzip, deflate, br or identity',
    });
    expect(bodyParserError({ status: 400, expose: true, message: 'incorrect header check' })).toEqual({
      status: 400,
      message: 'incorrect header check',
    });
    expect(bodyParserError(new Error('boom'))).toBeNull();
    expect(bodyParserError({ status: 500, expose: false, message: 'stream.encoding.set' })).toBeNull();
    expect(bodyParserError(undefined)).toBeNull();
  });
});
