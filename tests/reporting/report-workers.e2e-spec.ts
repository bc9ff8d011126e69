import { JobProducer } from '@mptf/platform';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext, eventually, TestContext } from '../support/test-context';
import { DATA_HUB, finished, insertProgramme, PATHWAYS, RunBody } from './report-fixtures';

const WORKER_MAIN = join(__dirname, '../../dist/apps/worker/src/main.js');

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** How it ended: an exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/apps/worker/src/main.js` on this test's database, queue prefix and storage. */
async function startWorkerProcess(t: TestContext, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      QUEUE_PREFIX: t.queuePrefix,
      LOG_LEVEL: 'warn',
      // A dead worker's job is back in the queue within seconds, not the default 30 s.
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await eventually(async () => output.includes('Worker started') || child.exitCode !== null, 30000);
  if (child.exitCode !== null) throw new Error(`worker did not start: ${output}`);
  return { child, output: () => output, exited };
}

/** Nest re-raises the signal after its shutdown hooks ran: a clean stop ends by SIGTERM or with 0. */
const stoppedCleanly = (exit: { code: number | null; signal: NodeJS.Signals | null }) =>
  exit.code === 0 || (exit.code === null && exit.signal === 'SIGTERM');

const runFiles = (runId: string) =>
  readdirSync(join(process.env.REPORTS_DIR as string, 'runs')).filter((name) => name.startsWith(runId));

describe('report workers as processes', () => {
  let t: TestContext;
  let programmeId: string;
  const workers: WorkerProcess[] = [];

  const request = async (body: object) => {
    const response = await t.http
      .post('/api/v1/reports')
      .set(await t.as('fmu@mptf.test'))
      .send(body);
    expect(response.status).toBe(202);
    return response.body.id as string;
  };
  const attemptsOf = async (runId: string) =>
    (await t.db.query(
      `SELECT worker, outcome FROM report_run_attempts WHERE run_id = $1 ORDER BY started_at, id`,
      [runId],
    )) as { worker: string; outcome: string | null }[];
  const runRow = async (runId: string) =>
    (await t.http.get(`/api/v1/reports/${runId}`).set(await t.as('fmu@mptf.test'))).body as RunBody;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await insertProgramme(t.db, PATHWAYS);
    await insertProgramme(t.db, DATA_HUB);
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await t.close();
  });

  it('completes a run whose worker was SIGKILLed mid-job, with exactly one stored file', async () => {
    // The first worker pauses between pages, so the kill lands while it renders.
    const slow = await startWorkerProcess(t, { REPORT_RENDER_DELAY_MS: '1500' });
    workers.push(slow);
    const runId = await request({ type: 'PROGRAMME_FACTSHEET', format: 'pdf', parameters: { programmeId } });
    await eventually(async () => {
      const run = await runRow(runId);
      return run.status === 'RUNNING' && run.progress >= 60;
    }, 30000);
    slow.child.kill('SIGKILL');
    expect(await slow.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Nothing half-written is visible: the run is still RUNNING, its file does not exist, only
    // the killed writer's temporary part does.
    expect((await runRow(runId)).status).toBe('RUNNING');
    expect(runFiles(runId)).toEqual([
      expect.stringMatching(new RegExp(`^${runId}\\.pdf\\.\\d+\\.\\d+\\.part$`)),
    ]);

    const rescuer = await startWorkerProcess(t);
    workers.push(rescuer);
    const run = await finished(t, runId, 'fmu@mptf.test', 45000);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const attempts = await attemptsOf(runId);
    expect(attempts).toHaveLength(2);
    expect(attempts[0].outcome).toBeNull(); // the killed one never finished
    expect(attempts[1].outcome).toBe('SUCCEEDED');
    expect(attempts[0].worker).not.toBe(attempts[1].worker);

    // Exactly one file (no leftover partial), and it is the one the run describes.
    expect(runFiles(runId)).toEqual([`${runId}.pdf`]);
    const file = readFileSync(join(process.env.REPORTS_DIR as string, 'runs', `${runId}.pdf`));
    expect(file.length).toBe(run.bytes);
    expect(createHash('sha256').update(file).digest('hex')).toBe(run.sha256);
    const info = execFileSync('pdfinfo', ['-'], { input: file }).toString();
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(run.pages);

    rescuer.child.kill('SIGTERM');
    expect(stoppedCleanly(await rescuer.exited)).toBe(true);
  });

  it('never lets two worker processes on one queue process the same run twice', async () => {
    const pair = [await startWorkerProcess(t), await startWorkerProcess(t)];
    workers.push(...pair);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        await request({
          type: 'PROGRAMME_FACTSHEET',
          format: ['pdf', 'csv', 'xlsx'][i % 3],
          parameters: i % 2 ? { programmeId } : {},
        }),
      );
    }
    // Enqueueing the same runs again is a no-op (the job id is the run id).
    for (const id of ids) await t.app.get(JobProducer).generateReport({ runId: id });

    const runs = await Promise.all(ids.map((id) => finished(t, id, 'fmu@mptf.test', 60000)));
    expect(runs.map((run) => run.status)).toEqual(ids.map(() => 'SUCCEEDED'));
    expect(runs.map((run) => run.attempts)).toEqual(ids.map(() => 1));
    const starts = (await t.db.query(
      `SELECT run_id, count(*)::int AS n, min(worker) AS worker FROM report_run_attempts
        WHERE run_id = ANY($1) GROUP BY run_id`,
      [ids],
    )) as { run_id: string; n: number; worker: string }[];
    expect(starts).toHaveLength(ids.length);
    expect(starts.every((row) => row.n === 1)).toBe(true);
    for (const id of ids) expect(runFiles(id)).toHaveLength(1);

    // Graceful stop: both exit cleanly.
    for (const worker of pair) worker.child.kill('SIGTERM');
    expect((await Promise.all(pair.map((worker) => worker.exited))).every(stoppedCleanly)).toBe(true);
  });

  it('shuts down gracefully: a worker told to stop finishes its running job first', async () => {
    const worker = await startWorkerProcess(t, { REPORT_RENDER_DELAY_MS: '700' });
    workers.push(worker);
    const runId = await request({ type: 'PROGRAMME_FACTSHEET', format: 'pdf', parameters: { programmeId } });
    await eventually(async () => (await runRow(runId)).status === 'RUNNING');
    worker.child.kill('SIGTERM');
    expect(stoppedCleanly(await worker.exited)).toBe(true);
    const run = await runRow(runId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
  });
});
