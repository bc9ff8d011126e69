// Every e2e file: UTC, quiet logs, test mode. Services come from TEST_DATABASE_URL / TEST_REDIS_URL.
process.env.TZ = 'UTC';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
// Tests run with DATABASE_URL and NODE_ENV=test: production rules, so a key of their own.
process.env.JWT_SECRET = `test-signing-key-${process.pid}-${Date.now()}`;
