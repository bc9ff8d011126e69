import 'reflect-metadata';
import { AuditEvent } from '@mptf/audit';
import { LoginAttempt, Organization, User } from '@mptf/identity';
import { MIGRATIONS } from '@mptf/migrations';
import { createScriptDataSource, parseEnv } from '@mptf/platform';
import { REFERENCE_ENTITIES } from '@mptf/reference';

/**
 * For the TypeORM CLI: `npm run migration:generate -- migrations/<Name>` diffs these entities
 * against DATABASE_URL. Review the generated SQL; migrations are the only way the schema changes.
 */
const dataSource = createScriptDataSource(
  parseEnv().DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mptf',
  MIGRATIONS,
);
dataSource.setOptions({ entities: [AuditEvent, Organization, User, LoginAttempt, ...REFERENCE_ENTITIES] });
export default dataSource;
