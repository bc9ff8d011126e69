/** Request bodies shared by the proposal e2e specs. */
export const IOM = 'iom.focal@mptf.test';
export const UNICEF = 'unicef.focal@mptf.test';
export const UNDP = 'undp.focal@mptf.test';
export const FMU = 'fmu@mptf.test';
export const ADMIN = 'admin@mptf.test';
export const DONOR = 'donor.deu@mptf.test';
export const SC_UNDP = 'sc.undp@mptf.test';

export type ProposalBody = Record<string, unknown> & {
  budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
};

/** An eligible national proposal of IOM with UNICEF in thematic area 4 (objectives 5, 6). */
export function eligibleProposal(overrides: Partial<ProposalBody> = {}): ProposalBody {
  return {
    title: 'Safe and regular labour mobility corridors between Nepal and Malaysia',
    summary:
      'IOM and UNICEF support the governments of Nepal and Malaysia to make recruitment fair and ethical, protect migrant workers and the children they leave behind, and reduce recruitment fees.',
    stage: 'CONCEPT_NOTE',
    scope: 'NATIONAL',
    countryCodes: ['NPL'],
    thematicAreaCode: 4,
    gcmObjectiveCodes: [5, 6],
    convenerCode: 'IOM',
    participatingOrgCodes: ['IOM', 'UNICEF'],
    durationMonths: 24,
    markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
    governmentEndorsement: { endorsed: true, date: '2026-01-20' },
    budgetLines: [
      { orgCode: 'IOM', categoryCode: 1, amount: '300000.00' },
      { orgCode: 'IOM', categoryCode: 5, amount: '45000.50' },
      { orgCode: 'UNICEF', categoryCode: 2, amount: '120000.00' },
      { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
    ],
    nationalPartners: [{ name: 'Ministry of Labour, Employment and Social Security', type: 'GOVERNMENT' }],
    ...overrides,
  };
}
