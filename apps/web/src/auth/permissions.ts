import type { Role, S } from '../api/models';

/**
 * A permission of the API's table (libs/identity/src/permissions.ts). The web app keeps no copy of
 * that table: it shows and hides by the permissions GET /me returns for the signed-in user. The
 * API still checks every call itself; a button shown by mistake gets a 403.
 */
export type Permission = S['MeDto']['permissions'][number];

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'Administrator',
  FMU_OFFICER: 'Fund Management Unit',
  AA_OFFICER: 'Administrative Agent',
  SC_CHAIR: 'Steering Committee chair',
  SC_MEMBER: 'Steering Committee member',
  AGENCY_FOCAL_POINT: 'Agency focal point',
  DONOR_VIEWER: 'Contributor',
};
