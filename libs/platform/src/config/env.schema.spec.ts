import { AppConfig, DEV_JWT_SECRET } from './app-config';
import { InvalidEnvironmentError, parseEnv, runMode } from './env.schema';

describe('parseEnv', () => {
  it('applies defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REPORTS_DIR).toBe('var/reports');
    expect(env.REPORT_RENDER_DELAY_MS).toBe(0);
    expect(env.REPORT_SCHEDULE_CRON).toBe('0 3 * * *');
    expect(env.DATABASE_POOL_SIZE).toBe(20);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a URL/);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ REDIS_URL: 'http://localhost' })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ REPORT_SCHEDULE_CRON: 'daily' })).toThrow(/REPORT_SCHEDULE_CRON/);
    expect(() => parseEnv({ WORKER_LOCK_DURATION_MS: '10' })).toThrow(/WORKER_LOCK_DURATION_MS/);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(parseEnv({ DATABASE_POOL_SIZE: '4' }).DATABASE_POOL_SIZE).toBe(4);
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

  it('runs development only when NODE_ENV=development or on the embedded default', () => {
    const url = 'postgres://db/mptf';
    expect(runMode(parseEnv({}))).toBe('development');
    expect(runMode(parseEnv({ NODE_ENV: 'test' }))).toBe('development');
    expect(runMode(parseEnv({ NODE_ENV: 'development', DATABASE_URL: url }))).toBe('development');
    expect(runMode(parseEnv({ DATABASE_URL: url }))).toBe('production');
    expect(runMode(parseEnv({ NODE_ENV: '', DATABASE_URL: url }))).toBe('production');
    expect(runMode(parseEnv({ NODE_ENV: 'test', DATABASE_URL: url }))).toBe('production');
    expect(runMode(parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }))).toBe('production');
  });

  it('refuses the built-in signing key outside development, naming JWT_SECRET', () => {
    const url = 'postgres://db/mptf';
    expect(new AppConfig(parseEnv({})).jwtSecret).toBe(DEV_JWT_SECRET);
    expect(new AppConfig(parseEnv({ NODE_ENV: 'development', DATABASE_URL: url })).jwtSecret).toBe(
      DEV_JWT_SECRET,
    );
    for (const env of [{ DATABASE_URL: url }, { DATABASE_URL: url, JWT_SECRET: DEV_JWT_SECRET }]) {
      const config = new AppConfig(parseEnv(env));
      expect(() => config.jwtSecret).toThrow(InvalidEnvironmentError);
      expect(() => config.jwtSecret).toThrow(/JWT_SECRET must be set to a secret of your own/);
    }
    const own = 'an-own-secret-of-32-characters!!';
    expect(new AppConfig(parseEnv({ DATABASE_URL: url, JWT_SECRET: own })).jwtSecret).toBe(own);
  });

  it('reads TRUST_PROXY as Express does and names it when wrong', () => {
    expect(parseEnv({}).TRUST_PROXY).toEqual(['loopback']);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(() => parseEnv({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY .*not everyone/);
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the mail settings and names them when wrong', () => {
    expect(parseEnv({})).toMatchObject({
      MAIL_DIGEST_CRON: '0 7 * * *',
      PUBLIC_URL: 'http://localhost:3000',
    });
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({ SMTP_URL: 'smtp://user:pw@mail.example.org:587' }).SMTP_URL).toBe(
      'smtp://user:pw@mail.example.org:587',
    );
    expect(() => parseEnv({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL must be a URL/);
    expect(() => parseEnv({ MAIL_DIGEST_CRON: 'daily' })).toThrow(/MAIL_DIGEST_CRON/);
    expect(() => parseEnv({ PUBLIC_URL: 'localhost' })).toThrow(/PUBLIC_URL/);
  });

  it('bounds request bodies by default and names the limits when wrong', () => {
    expect(parseEnv({})).toMatchObject({ MAX_BODY_BYTES: 1024 * 1024, MAX_BODY_DEPTH: 32 });
    expect(() => parseEnv({ MAX_BODY_DEPTH: '0' })).toThrow(/MAX_BODY_DEPTH/);
    expect(() => parseEnv({ MAX_BODY_BYTES: 'lots' })).toThrow(/MAX_BODY_BYTES/);
  });
});
