import { InvalidEnvironmentError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('applies defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REPORTS_DIR).toBe('var/reports');
    expect(env.REPORT_RENDER_DELAY_MS).toBe(0);
    expect(env.REPORT_SCHEDULE_CRON).toBe('0 3 * * *');
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a URL/);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ REDIS_URL: 'http://localhost' })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ REPORT_SCHEDULE_CRON: 'daily' })).toThrow(/REPORT_SCHEDULE_CRON/);
    expect(() => parseEnv({ WORKER_LOCK_DURATION_MS: '10' })).toThrow(/WORKER_LOCK_DURATION_MS/);
  });

  it('requires JWT_SECRET in production', () => {
    try {
      parseEnv({ NODE_ENV: 'production' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      expect((error as InvalidEnvironmentError).problems).toEqual([
        { variable: 'JWT_SECRET', message: 'is required when NODE_ENV=production' },
      ]);
    }
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });
});
