export enum Role {
  ADMIN = 'ADMIN',
  FMU_OFFICER = 'FMU_OFFICER',
  AA_OFFICER = 'AA_OFFICER',
  SC_CHAIR = 'SC_CHAIR',
  SC_MEMBER = 'SC_MEMBER',
  AGENCY_FOCAL_POINT = 'AGENCY_FOCAL_POINT',
  DONOR_VIEWER = 'DONOR_VIEWER',
}

export const ALL_ROLES = Object.values(Role);

export enum OrganizationType {
  UN_ENTITY = 'UN_ENTITY',
  MEMBER_STATE = 'MEMBER_STATE',
  SECRETARIAT = 'SECRETARIAT',
  CSO = 'CSO',
  OTHER = 'OTHER',
}

/**
 * Who may be a donor: Member States and other contributors (the European Union, foundations, the
 * private sector: type OTHER). UN entities, the fund's own offices and CSOs receive or run money;
 * they are not contributors.
 */
export const CONTRIBUTOR_TYPES: readonly OrganizationType[] = [
  OrganizationType.MEMBER_STATE,
  OrganizationType.OTHER,
];
