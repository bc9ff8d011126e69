import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { databaseUrl, TEST_REDIS_URL, templateName } from './services';

export const DEMO_PASSWORD = 'demo1234';

let counter = 0;

export interface TestContext {
  /** The HTTP API, booted exactly as main.ts boots it. */
  app: INestApplication;
  http: TestAgent;
  /** The API's own connection to this file's database. */
  db: DataSource;
  databaseUrl: string;
  queuePrefix: string;
  /** Logs in a user and returns the bearer token (cached per email). */
  token(email: string): Promise<string>;
  /** `Authorization` header for a demo user. */
  as(email: string): Promise<{ Authorization: string }>;
  /** Starts a worker in this process on the same database and queue prefix. */
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

export interface TestContextOptions {
  /** Extra environment for this file (e.g. a wrong REDIS_URL). */
  env?: Record<string, string | undefined>;
}

/** A fresh database cloned from the run's template and a private queue prefix, then the API. */
export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const template = templateName();
  counter += 1;
  const name = `${template.replace('mptf_tpl_', 'mptf_t_')}_${process.pid}_${counter}`;
  await cloneDatabase(template, name);

  const url = databaseUrl(name);
  const queuePrefix = `t${process.pid}_${counter}_${Date.now().toString(36)}`;
  Object.assign(process.env, {
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    REPORTS_DIR: `/tmp/mptf-tests/${queuePrefix}/reports`,
    UPLOADS_DIR: `/tmp/mptf-tests/${queuePrefix}/uploads`,
    LOGIN_THROTTLE_LIMIT: '1000',
  });
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  const app = await createApiApp({ logger: false });
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const workers: INestApplicationContext[] = [];

  const token = async (email: string) => {
    const cached = tokens.get(email);
    if (cached) return cached;
    const response = await http.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    if (response.status !== 200)
      throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    tokens.set(email, response.body.accessToken as string);
    return response.body.accessToken as string;
  };

  return {
    app,
    http,
    db: app.get(DataSource),
    databaseUrl: url,
    queuePrefix,
    token,
    as: async (email) => ({ Authorization: `Bearer ${await token(email)}` }),
    startWorker: async () => {
      const worker = await createWorkerApp({ logger: false });
      workers.push(worker);
      return worker;
    },
    close: async () => {
      for (const worker of workers) await worker.close();
      await app.close();
      await dropDatabase(name);
    },
  };
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function cloneDatabase(template: string, name: string): Promise<void> {
  await admin(async (client) => {
    // CREATE DATABASE … TEMPLATE fails while another session clones the same template; retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((done) => setTimeout(done, 100 + Math.random() * 200));
      }
    }
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Polls until `check` returns a truthy value or the timeout passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
