import type { Permission } from './permissions';

/**
 * Which part of the fund's records the signed-in user's screens cover, read from the permissions
 * GET /me gives: the scope permissions the API's access modules (`libs/<lib>/src/<lib>-access.ts`)
 * decide rows by. No role name is read here; the API still filters every row itself, so a view
 * chosen wrongly shows less, never more.
 */
export interface Scope {
  /** Proposals of the own organization only: proposal.read without proposal.read-submitted (proposals-access.ts). */
  ownProposalsOnly: boolean;
  /** Programme work of the own agency only: programme-work.read without programme-work.read-all (programmes-access.ts). */
  ownAgencyOnly: boolean;
  /** Agreement references of the own donor only: contribution.read without contribution.read-references (finance-access.ts). */
  ownDonorOnly: boolean;
  /**
   * Reads the fund's own records (proposals and every donor's contributions), not only the
   * published figures and the own contributor statement (reporting-access.ts, readsFundRecords).
   */
  readsFundRecords: boolean;
}

export function scopeOf(can: (permission: Permission) => boolean): Scope {
  return {
    ownProposalsOnly: can('proposal.read') && !can('proposal.read-submitted'),
    ownAgencyOnly: can('programme-work.read') && !can('programme-work.read-all'),
    ownDonorOnly: can('contribution.read') && !can('contribution.read-references'),
    readsFundRecords: can('proposal.read') && can('contribution.read'),
  };
}
