import { Injectable } from '@nestjs/common';
import { parseEnv } from './env.schema';
import type { Env } from './env.schema';

/** Development-only signing key; production refuses to start without JWT_SECRET. */
const DEV_JWT_SECRET = 'mptf-development-secret-not-for-production';

/** Typed, validated configuration; read once per process. */
@Injectable()
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

  get jwtSecret(): string {
    return this.env.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
}
