import type { Role } from '@mptf/identity';

/**
 * The demo logins, as data only: `npm start` prints them on every start and loads this file
 * alone (the demo seed that writes them loads every domain module).
 */
export const DEMO_PASSWORD = 'demo1234';

/** The demo users of api.md, all with password demo1234 (their roles as Role's values). */
export const DEMO_LOGINS: { email: string; name: string; roles: `${Role}`[]; organizationCode: string }[] = [
  { email: 'admin@mptf.test', name: 'Ada Admin', roles: ['ADMIN'], organizationCode: 'MPTFFMU' },
  {
    email: 'fmu@mptf.test',
    name: 'Fatou Mbaye (FMU)',
    roles: ['FMU_OFFICER'],
    organizationCode: 'MPTFFMU',
  },
  {
    email: 'aa@mptf.test',
    name: 'Anders Aalto (MPTF Office)',
    roles: ['AA_OFFICER'],
    organizationCode: 'MPTFO',
  },
  {
    email: 'chair@mptf.test',
    name: 'Carmen Chávez (SC Chair)',
    roles: ['SC_CHAIR'],
    organizationCode: 'UNNM',
  },
  {
    email: 'sc.undp@mptf.test',
    name: 'Sanjay Desai (SC, UNDP)',
    roles: ['SC_MEMBER'],
    organizationCode: 'UNDP',
  },
  {
    email: 'sc.unicef@mptf.test',
    name: 'Sofia Lindqvist (SC, UNICEF)',
    roles: ['SC_MEMBER'],
    organizationCode: 'UNICEF',
  },
  {
    email: 'sc.deu@mptf.test',
    name: 'Stefan Müller (SC, Germany)',
    roles: ['SC_MEMBER'],
    organizationCode: 'DEU',
  },
  {
    email: 'iom.focal@mptf.test',
    name: 'Ines Okafor (IOM)',
    roles: ['AGENCY_FOCAL_POINT'],
    organizationCode: 'IOM',
  },
  {
    email: 'undp.focal@mptf.test',
    name: 'Umar Haddad (UNDP)',
    roles: ['AGENCY_FOCAL_POINT'],
    organizationCode: 'UNDP',
  },
  {
    email: 'unicef.focal@mptf.test',
    name: 'Nadia Petrova (UNICEF)',
    roles: ['AGENCY_FOCAL_POINT'],
    organizationCode: 'UNICEF',
  },
  {
    email: 'donor.deu@mptf.test',
    name: 'Dieter Weiß (Germany)',
    roles: ['DONOR_VIEWER'],
    organizationCode: 'DEU',
  },
];
