/** The PostgreSQL server and Redis the suite runs against (the machine's own by default). */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Name of the template database of this run (migrated and seeded once by global-setup). */
export function templateName(): string {
  const name = process.env.MPTF_TEST_TEMPLATE;
  if (!name) throw new Error('MPTF_TEST_TEMPLATE is not set: run e2e specs through jest (global-setup)');
  return name;
}
