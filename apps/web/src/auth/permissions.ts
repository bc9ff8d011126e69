import type { Role } from '../api/types';

/**
 * What each role may do in the web app: a copy of the rows of libs/identity/src/permissions.ts
 * the screens need, used only to decide the navigation and which buttons to show. The API checks
 * every call itself; a button shown by mistake still gets a 403.
 */
export type Capability =
  | 'proposal.read'
  | 'proposal.create'
  | 'proposal.screen'
  | 'review.queue'
  | 'review.create'
  | 'review.read'
  | 'meeting.manage'
  | 'meeting.read'
  | 'decision.record'
  | 'pipeline.read'
  | 'pipeline.manage'
  | 'contribution.record'
  | 'contribution.read'
  | 'programme.read'
  | 'transfer.record'
  | 'refund.record'
  | 'expenditure.record'
  | 'fund.read'
  | 'portfolio.read'
  | 'results.read'
  | 'results.edit'
  | 'actual.submit'
  | 'actual.approve'
  | 'report.generate'
  | 'report.read'
  | 'audit.read';

const ROLE_CAPABILITIES: Record<Role, Capability[]> = {
  ADMIN: [
    'proposal.read',
    'review.read',
    'meeting.read',
    'pipeline.read',
    'contribution.read',
    'programme.read',
    'fund.read',
    'portfolio.read',
    'results.read',
    'report.read',
    'audit.read',
  ],
  FMU_OFFICER: [
    'proposal.read',
    'proposal.screen',
    'review.read',
    'meeting.manage',
    'meeting.read',
    'pipeline.read',
    'pipeline.manage',
    'contribution.read',
    'programme.read',
    'fund.read',
    'portfolio.read',
    'results.read',
    'results.edit',
    'actual.approve',
    'report.generate',
    'report.read',
    'audit.read',
  ],
  AA_OFFICER: [
    'proposal.read',
    'pipeline.read',
    'contribution.record',
    'contribution.read',
    'programme.read',
    'transfer.record',
    'refund.record',
    'fund.read',
    'portfolio.read',
    'results.read',
    'report.generate',
    'report.read',
  ],
  SC_CHAIR: [
    'proposal.read',
    'review.queue',
    'review.create',
    'review.read',
    'meeting.read',
    'decision.record',
    'pipeline.read',
    'programme.read',
    'fund.read',
    'portfolio.read',
    'results.read',
  ],
  SC_MEMBER: [
    'proposal.read',
    'review.queue',
    'review.create',
    'review.read',
    'meeting.read',
    // As acting chair only, where the pack says so (recordableAs).
    'decision.record',
    'pipeline.read',
    'programme.read',
    'fund.read',
    'portfolio.read',
    'results.read',
  ],
  AGENCY_FOCAL_POINT: [
    'proposal.read',
    'proposal.create',
    'programme.read',
    'expenditure.record',
    'portfolio.read',
    'results.read',
    'results.edit',
    'actual.submit',
  ],
  DONOR_VIEWER: [
    'contribution.read',
    'programme.read',
    'fund.read',
    'portfolio.read',
    'results.read',
    'report.generate',
    'report.read',
  ],
};

export function capabilitiesOf(roles: readonly string[]): Set<Capability> {
  return new Set(roles.flatMap((role) => ROLE_CAPABILITIES[role as Role] ?? []));
}

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'Administrator',
  FMU_OFFICER: 'Fund Management Unit',
  AA_OFFICER: 'Administrative Agent',
  SC_CHAIR: 'Steering Committee chair',
  SC_MEMBER: 'Steering Committee member',
  AGENCY_FOCAL_POINT: 'Agency focal point',
  DONOR_VIEWER: 'Contributor',
};
