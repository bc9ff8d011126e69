import { InvalidEnvironmentError, parseEnv, runMode } from './env.schema';
import type { Env, RunMode } from './env.schema';

/**
 * Development-only signing key. It is in the source, so anyone can sign tokens with it: refused
 * outside development (see `runMode`).
 */
export const DEV_JWT_SECRET = 'mptf-development-secret-not-for-production';

/**
 * Typed, validated configuration; read once per process. Provided by ConfigModule's factory, so
 * it needs no Nest decorator: `npm start`'s launcher loads it without loading Nest
 * (`@mptf/platform/launcher`).
 */
export class AppConfig {
  readonly env: Env;

  constructor(env?: Env) {
    this.env = env ?? parseEnv();
  }

  get databaseUrl(): string {
    if (!this.env.DATABASE_URL) {
      throw new Error('DATABASE_URL is not set (npm start sets it after starting the embedded PostgreSQL)');
    }
    return this.env.DATABASE_URL;
  }

  /** Redis when REDIS_URL is set, else BullMQ's PostgreSQL backend in the application database. */
  get queueBackend(): 'redis' | 'postgres' {
    return this.env.REDIS_URL ? 'redis' : 'postgres';
  }

  /** Where notification mail goes: an SMTP server (SMTP_URL), or kept in the outbox for the admin. */
  get mailMode(): 'smtp' | 'outbox' {
    return this.env.SMTP_URL ? 'smtp' : 'outbox';
  }

  /** development or production: which signing keys are allowed and whether demo users are seeded. */
  get mode(): RunMode {
    return runMode(this.env);
  }

  get isDevelopment(): boolean {
    return this.mode === 'development';
  }

  /** The token signing key; outside development JWT_SECRET, never the key in the source. */
  get jwtSecret(): string {
    if (this.env.JWT_SECRET) {
      if (this.env.JWT_SECRET === DEV_JWT_SECRET && !this.isDevelopment) throw missingJwtSecret();
      return this.env.JWT_SECRET;
    }
    if (this.isDevelopment) return DEV_JWT_SECRET;
    throw missingJwtSecret();
  }
}

function missingJwtSecret(): InvalidEnvironmentError {
  return new InvalidEnvironmentError([
    {
      variable: 'JWT_SECRET',
      message:
        'must be set to a secret of your own outside development (NODE_ENV is not development and DATABASE_URL is set); the built-in development key is refused',
    },
  ]);
}
