import { z } from 'zod';

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The one environment schema shared by the API, the worker, the CLI scripts and the tests. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Unset: `npm start` runs an embedded PostgreSQL under var/ (the evaluation default). */
    DATABASE_URL: z.preprocess(emptyAsUndefined, url(['postgres:', 'postgresql:']).optional()),
    /** false: send every statement unnamed (a pooler in transaction mode without prepared-statement support). */
    DATABASE_PREPARED_STATEMENTS: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    /** Unset: BullMQ runs on its PostgreSQL backend in the application database. */
    REDIS_URL: z.preprocess(emptyAsUndefined, url(['redis:', 'rediss:']).optional()),
    /** Namespace of BullMQ keys (Redis) or schema (PostgreSQL backend); tests use one per file. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and underscores')
      .default('mptf'),
    JWT_SECRET: z.preprocess(
      emptyAsUndefined,
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    JWT_EXPIRES_IN_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 3600),
    REPORTS_DIR: z.string().min(1).default('var/reports'),
    UPLOADS_DIR: z.string().min(1).default('var/uploads'),
    EMBEDDED_PG_DIR: z.string().min(1).default('var/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOGIN_THROTTLE_LIMIT: z.coerce.number().int().positive().default(10),
    LOGIN_THROTTLE_TTL_SECONDS: z.coerce.number().int().positive().default(60),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    IATI_ORG_PREFIX: z.string().min(1).default('XM-DAC-41119-MIGMPTF'),
    /**
     * Jobs of one queue a worker process runs at once. Reports are CPU-bound (layout and
     * rendering), so one at a time per process, and one process per core, is the fastest.
     */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /**
     * HTTP processes of `start:api`, sharing PORT (node:cluster). Node runs JavaScript on one core:
     * about one per core the API may use.
     */
    API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
    /** How long a worker's claim on a job lasts before it must renew it (BullMQ lockDuration). */
    WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30000),
    /** How often workers look for jobs whose worker died, to run them again (BullMQ stalledInterval). */
    WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30000),
    /** Cron pattern (UTC) of the report schedule: when the worker checks which scheduled reports are due. */
    REPORT_SCHEDULE_CRON: z
      .string()
      .trim()
      .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron pattern of 5 or 6 fields')
      .default('0 3 * * *'),
    /**
     * Report runs one user may have QUEUED or RUNNING at once; one more is refused with 429 until
     * one finishes (scheduled runs do not count). Keeps one user from filling the workers' queue.
     */
    REPORT_RUNS_PER_USER: z.coerce.number().int().min(1).max(10000).default(10),
    /** Test-only: pause between rendered report pages, to make crash tests deterministic. Keep 0. */
    REPORT_RENDER_DELAY_MS: z.coerce.number().int().min(0).max(60000).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new InvalidEnvironmentError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      message: issue.message,
    })),
  );
}
