import { isIP } from 'node:net';
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

/** Express's names for address ranges, usable in TRUST_PROXY. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isProxyAddress = (entry: string) => {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length) return false;
  const family = isIP(address);
  if (!family) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

/**
 * Which peers may tell the client's address in X-Forwarded-For (Express "trust proxy"):
 * `false`, `true` (any: only behind a proxy that overwrites the header), a number of proxy hops,
 * or a comma-separated list of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string[] => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.filter((entry) => !PROXY_RANGE_NAMES.has(entry) && !isProxyAddress(entry));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a number of hops, or addresses/CIDR ranges/loopback/linklocal/uniquelocal (not ${bad.join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** The one environment schema shared by the API, the worker, the CLI scripts and the tests. */
export const envSchema = z
  .object({
    /**
     * Unset is not development when DATABASE_URL is set (see `runMode`): the built-in token key and
     * the demo users exist only in development.
     */
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'test', 'production']).optional()),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Unset: `npm start` runs an embedded PostgreSQL under var/ (the evaluation default). */
    DATABASE_URL: z.preprocess(emptyAsUndefined, url(['postgres:', 'postgresql:']).optional()),
    /** false: send every statement unnamed (a pooler in transaction mode without prepared-statement support). */
    DATABASE_PREPARED_STATEMENTS: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * Connections each process keeps to PostgreSQL at most. Beyond what the cores can run at once,
     * more connections only queue inside PostgreSQL (bench/README.md: reads under load).
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
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
    /** Failed logins one address may make on one account in the window (see AuthService). */
    LOGIN_THROTTLE_LIMIT: z.coerce.number().int().positive().default(10),
    /** Failed logins on one account from all addresses before each address gets only one. */
    LOGIN_THROTTLE_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(50),
    /** Failed logins from one address on all accounts before it gets only one per account. */
    LOGIN_THROTTLE_ADDRESS_LIMIT: z.coerce.number().int().positive().default(50),
    LOGIN_THROTTLE_TTL_SECONDS: z.coerce.number().int().positive().default(60),
    TRUST_PROXY: trustProxy.default(['loopback']),
    /** Largest request body (JSON or form) read before it is refused with 413. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    /** Deepest nesting of arrays and objects in a request body, checked before parsing (400). */
    MAX_BODY_DEPTH: z.coerce.number().int().min(2).max(1000).default(32),
    /**
     * Most rows a list's CSV export (`format=csv`) holds: the rows are read into memory, so a
     * larger list is refused with 422 naming the count (narrow it with the filters).
     */
    MAX_EXPORT_ROWS: z.coerce.number().int().min(1).default(20000),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /**
     * The fund's IATI organisation identifier when fund settings have none (iatiOrganisationId).
     * No default: the fund has no registered identifier we know of, and a made-up one would be
     * published as the fund's; with neither set, the IATI export refuses (409).
     */
    IATI_ORG_PREFIX: z.string().min(1).optional(),
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
    /**
     * Where notification mail goes (smtp:// or smtps://, user and password in the URL). Unset (the
     * embedded default): messages are kept in the outbox the admin reads in the app.
     */
    SMTP_URL: z.preprocess(emptyAsUndefined, url(['smtp:', 'smtps:']).optional()),
    /** The sender of notification mail. */
    MAIL_FROM: z.string().trim().min(3).default('Migration MPTF <no-reply@migration-mptf.local>'),
    /** The address of the web app as users reach it, for the links in notification mail. */
    PUBLIC_URL: url(['http:', 'https:']).default('http://localhost:3000'),
    /** Cron pattern (UTC) of the daily digest: when the worker mails each user their digest. */
    MAIL_DIGEST_CRON: z
      .string()
      .trim()
      .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron pattern of 5 or 6 fields')
      .default('0 7 * * *'),
    /** Test-only: pause between rendered report pages, to make crash tests deterministic. Keep 0. */
    REPORT_RENDER_DELAY_MS: z.coerce.number().int().min(0).max(60000).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
  });

export type Env = z.infer<typeof envSchema>;

/**
 * The two modes. Development: `NODE_ENV=development` set explicitly, or the embedded default (no
 * DATABASE_URL) unless NODE_ENV=production; it may sign tokens with the built-in key and seeds the
 * demo users. Everything else (an unset NODE_ENV with DATABASE_URL included) is production: it
 * needs JWT_SECRET and never seeds demo users.
 */
export type RunMode = 'development' | 'production';

export function runMode(env: Pick<Env, 'NODE_ENV' | 'DATABASE_URL'>): RunMode {
  if (env.NODE_ENV === 'development') return 'development';
  return !env.DATABASE_URL && env.NODE_ENV !== 'production' ? 'development' : 'production';
}

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
