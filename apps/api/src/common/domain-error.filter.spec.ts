import { bodyParserError, unavailableDependency } from './domain-error.filter';

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
