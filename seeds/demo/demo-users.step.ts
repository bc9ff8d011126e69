import { PasswordHasher, Role } from '@mptf/identity';
import { DEMO_PASSWORD, DemoContext, DemoStep } from './demo-context';

/** The demo users of api.md, all with password demo1234. */
export const DEMO_USERS: { email: string; name: string; roles: Role[]; organizationCode: string }[] = [
  { email: 'admin@mptf.test', name: 'Ada Admin', roles: [Role.ADMIN], organizationCode: 'MPTFFMU' },
  {
    email: 'fmu@mptf.test',
    name: 'Fatou Mbaye (FMU)',
    roles: [Role.FMU_OFFICER],
    organizationCode: 'MPTFFMU',
  },
  {
    email: 'aa@mptf.test',
    name: 'Anders Aalto (MPTF Office)',
    roles: [Role.AA_OFFICER],
    organizationCode: 'MPTFO',
  },
  {
    email: 'chair@mptf.test',
    name: 'Carmen Chávez (SC Chair)',
    roles: [Role.SC_CHAIR],
    organizationCode: 'UNNM',
  },
  {
    email: 'sc.undp@mptf.test',
    name: 'Sanjay Desai (SC, UNDP)',
    roles: [Role.SC_MEMBER],
    organizationCode: 'UNDP',
  },
  {
    email: 'sc.unicef@mptf.test',
    name: 'Sofia Lindqvist (SC, UNICEF)',
    roles: [Role.SC_MEMBER],
    organizationCode: 'UNICEF',
  },
  {
    email: 'sc.deu@mptf.test',
    name: 'Stefan Müller (SC, Germany)',
    roles: [Role.SC_MEMBER],
    organizationCode: 'DEU',
  },
  {
    email: 'iom.focal@mptf.test',
    name: 'Ines Okafor (IOM)',
    roles: [Role.AGENCY_FOCAL_POINT],
    organizationCode: 'IOM',
  },
  {
    email: 'undp.focal@mptf.test',
    name: 'Umar Haddad (UNDP)',
    roles: [Role.AGENCY_FOCAL_POINT],
    organizationCode: 'UNDP',
  },
  {
    email: 'unicef.focal@mptf.test',
    name: 'Nadia Petrova (UNICEF)',
    roles: [Role.AGENCY_FOCAL_POINT],
    organizationCode: 'UNICEF',
  },
  {
    email: 'donor.deu@mptf.test',
    name: 'Dieter Weiß (Germany)',
    roles: [Role.DONOR_VIEWER],
    organizationCode: 'DEU',
  },
];

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
