/**
 * The second public face of the platform: what `npm start`'s launcher (scripts/launcher.ts) needs
 * before the API answers (configuration, the embedded PostgreSQL, the IPC with its services). It
 * loads neither Nest nor TypeORM nor BullMQ (src/index.ts loads all three, about 1 s of CPU on
 * the 2-CPU machine), so the launcher's own start-up does not take CPU from the API's. Import it
 * as `@mptf/platform/launcher`; everything else goes through `@mptf/platform`.
 */
export * from './config/env.schema';
export * from './config/app-config';
export * from './database/embedded-postgres';
export * from './process/launched-service';
