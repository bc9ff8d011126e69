import { DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, JOB_DEFINITIONS, JobName, QueueConnection } from '@mptf/platform';
import { INestApplicationContext } from '@nestjs/common';
import { HeapRelease } from '../../apps/worker/src/jobs/heap-release';
import { HeartbeatHandler } from '../../apps/worker/src/jobs/heartbeat.handler';
import { JobDispatcher } from '../../apps/worker/src/jobs/job-dispatcher';
import { createTestContext, eventually, TestContext } from '../support/test-context';

/** Leaves about `mb` MB of garbage in the old generation (kept while allocated, so it is promoted). */
function leaveGarbage(mb: number): number {
  const kept: number[][] = [];
  for (let i = 0; i < mb * 16; i += 1) kept.push(Array.from({ length: 8_192 }, (_, j) => i + j + 0.5));
  return kept.length;
}

describe('operations: health, errors, correlation ids, the job pipeline', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('reports health of the database and Redis', async () => {
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up', backend: 'redis' } },
    });
  });

  it('answers errors in the envelope of api.md with a correlation id that is echoed', async () => {
    const response = await t.http.get('/api/v1/me').set('X-Correlation-Id', 'trace-abc-123');
    expect(response.status).toBe(401);
    expect(response.headers['x-correlation-id']).toBe('trace-abc-123');
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
      code: 'UNAUTHENTICATED',
      correlationId: 'trace-abc-123',
    });
    const malformed = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/JSON/);
    const unknownField = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.c', password: 'x', admin: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toEqual([
      { field: 'admin', message: expect.stringMatching(/should not exist/) },
    ]);
    const notFound = await t.http.get('/api/v1/no-such-thing').set(await t.as('admin@mptf.test'));
    expect(notFound.status).toBe(404);
  });

  let worker: INestApplicationContext;

  it('processes a real job end to end: API enqueues on Redis, a worker records it', async () => {
    worker = await t.startWorker();
    const admin = await t.as('admin@mptf.test');
    const requested = await t.http.post('/api/v1/system/heartbeats').set(admin);
    expect(requested.status).toBe(202);
    const processed = await eventually(async () => {
      const response = await t.http.get(`/api/v1/system/heartbeats/${requested.body.id}`).set(admin);
      return response.body.processedAt ? response.body : undefined;
    });
    expect(processed.worker).toMatch(/:\d+$/);
    const job = await t.app
      .get(QueueConnection)
      .queue(JOB_DEFINITIONS[JobName.HEARTBEAT].queue)
      .getJob(`heartbeat-${requested.body.id}`);
    expect(await job?.getState()).toBe('completed');
  });

  it('gives the heap back once the worker falls idle after a job that left enough garbage', async () => {
    const heap = worker.get(HeapRelease);
    const releasedBefore = heap.released;
    // The worker runs in this process: the real heartbeat, leaving what a large report leaves.
    const heartbeats = worker.get(HeartbeatHandler);
    const handle = heartbeats.handle.bind(heartbeats);
    const spy = jest.spyOn(heartbeats, 'handle').mockImplementation(async (...args) => {
      leaveGarbage(64);
      return handle(...args);
    });
    const admin = await t.as('admin@mptf.test');
    const heartbeat = await t.http.post('/api/v1/system/heartbeats').set(admin);
    await eventually(async () => heap.released > releasedBefore);
    expect(heap.released).toBe(releasedBefore + 1);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    const processed = await t.http.get(`/api/v1/system/heartbeats/${heartbeat.body.id}`).set(admin);
    expect(processed.body.processedAt).toEqual(expect.any(String));
  });

  it('refuses to start a worker when a job of the catalogue has no handler', () => {
    const discovery = { getProviders: () => [] } as unknown as DiscoveryService;
    const dispatcher = new JobDispatcher(
      discovery,
      new Reflector(),
      t.app.get(QueueConnection),
      t.app.get(AppConfig),
      new HeapRelease(),
    );
    expect(() => dispatcher.resolveHandlers()).toThrow(
      `No handler for job(s): ${Object.values(JobName).join(', ')}`,
    );
  });
});

describe('health when Redis is unreachable', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => t.close());

  it('answers 503 naming the component that is down', async () => {
    const response = await t.http.get('/health');
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('error');
    expect(response.body.info.database.status).toBe('up');
    expect(response.body.info.redis.status).toBe('down');
  });
});
