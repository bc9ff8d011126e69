import { PasswordHasher, Role } from '@mptf/identity';
import { DemoContext, DemoStep } from './demo-context';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-users.data';

/** The demo users of api.md, all with password demo1234. */
export const DEMO_USERS = DEMO_LOGINS as unknown as {
  email: string;
  name: string;
  roles: Role[];
  organizationCode: string;
}[];

export const demoUsersStep: DemoStep = {
  name: 'demo users',
  async alreadyDone({ dataSource }: DemoContext) {
    const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = ANY($1)', [
      DEMO_USERS.map((u) => u.email),
    ])) as { n: number }[];
    return row.n === DEMO_USERS.length;
  },
  async run({ app, dataSource, progress }: DemoContext) {
    const hash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
    for (const user of DEMO_USERS) {
      await dataSource.query(
        `INSERT INTO users (email, name, password_hash, roles, organization_id)
         SELECT $1, $2, $3, $4::text[], id FROM organizations WHERE code = $5
         ON CONFLICT (email) DO NOTHING`,
        [user.email, user.name, hash, user.roles, user.organizationCode],
      );
    }
    progress(`demo: ${DEMO_USERS.length} users (password ${DEMO_PASSWORD})`);
  },
};
