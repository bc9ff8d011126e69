import { unavailableDependency } from './domain-error.filter';

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
