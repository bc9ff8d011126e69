/** The five thematic areas of the UN Network on Migration workplan (titles exactly as published). */
export const THEMATIC_AREAS = [
  {
    code: 1,
    shortTitle: 'Data and evidence',
    title: 'Promoting fact-based and data-driven migration discourse, policy and planning',
  },
  {
    code: 2,
    shortTitle: 'Protection',
    title:
      'Protecting the human rights, safety and wellbeing of migrants, including through addressing drivers and mitigating situations of vulnerability in migration',
  },
  {
    code: 3,
    shortTitle: 'Irregular migration and borders',
    title:
      'Addressing irregular migration including through managing borders and combatting transnational crime',
  },
  {
    code: 4,
    shortTitle: 'Regular pathways and development',
    title:
      'Facilitating regular migration, decent work and enhancing the positive development effects of human mobility',
  },
  {
    code: 5,
    shortTitle: 'Social inclusion',
    title: 'Improving the social inclusion and integration of migrants',
  },
];

/**
 * The objective ↔ area mapping is not published; this is the seeded starting point, editable by
 * admins through the API (PUT /reference/thematic-areas/:code/gcm-objectives).
 */
export const AREA_OBJECTIVES: Record<number, number[]> = {
  1: [1, 3, 17, 23],
  2: [2, 7, 8, 12, 13, 23],
  3: [9, 10, 11, 14, 21, 23],
  4: [5, 6, 18, 19, 20, 22, 23],
  5: [4, 15, 16, 17, 23],
};

/** UNSDG harmonized budget categories; 8 is computed from 1–7. */
export const BUDGET_CATEGORIES = [
  { code: 1, title: 'Staff and other personnel costs', direct: true },
  { code: 2, title: 'Supplies, commodities, materials', direct: true },
  { code: 3, title: 'Equipment, vehicles and furniture, including depreciation', direct: true },
  { code: 4, title: 'Contractual services', direct: true },
  { code: 5, title: 'Travel', direct: true },
  { code: 6, title: 'Transfers and grants to counterparts', direct: true },
  { code: 7, title: 'General operating and other direct costs', direct: true },
  { code: 8, title: 'Indirect support costs', direct: false },
];

/** Steering Committee scorecard; weights sum to 100. */
export const REVIEW_CRITERIA = [
  {
    code: 'RELEVANCE',
    title: 'Relevance to the GCM and the fund',
    description:
      'Addresses GCM objectives and the thematic area, responds to national priorities and needs of migrants and communities.',
    weight: 20,
  },
  {
    code: 'GUIDING_PRINCIPLES',
    title: 'GCM guiding principles',
    description:
      'People-centred, human rights-based, gender-responsive and child-sensitive; whole-of-government and whole-of-society.',
    weight: 20,
  },
  {
    code: 'JOINT_PROGRAMMING',
    title: 'Joint programming and partnerships',
    description:
      'Genuine collaboration between PUNOs and with national partners; builds on the UN Network on Migration.',
    weight: 15,
  },
  {
    code: 'RESULTS',
    title: 'Results framework and sustainability',
    description:
      'Clear theory of change, measurable indicators with baselines and targets, plan for sustainability.',
    weight: 20,
  },
  {
    code: 'FEASIBILITY',
    title: 'Feasibility and value for money',
    description: 'Realistic workplan and budget, risks identified and mitigated, reasonable costs.',
    weight: 15,
  },
  {
    code: 'INNOVATION',
    title: 'Innovation and catalytic effect',
    description: 'Tests new approaches, leverages other resources, can be scaled or replicated.',
    weight: 10,
  },
];

/** Starting values of the fund's configurable rules (the real fund's thresholds are not public). */
export const DEFAULT_FUND_SETTINGS = {
  minParticipatingOrganizations: 2,
  minMarkerGender: 2,
  minMarkerHumanRights: 2,
  minMarkerChildSensitivity: 1,
  budgetCeilingCents: 500_000_000n,
  minDurationMonths: 12,
  maxDurationMonths: 36,
  indirectRate: '0.07',
  aaFeeRate: '0.01',
  reviewWindowDays: 21,
  expenditureDeadline: '04-30',
  /** The Migration MPTF was established in 2019: no money entry is dated before it. */
  inceptionDate: '2019-01-01',
  /** US$ 1,000,000,000.00: far above any single contribution, transfer or charge of the fund. */
  maxEntryAmountCents: 100_000_000_000n,
};

/** The fund's own offices, as organizations of type SECRETARIAT. */
export const SECRETARIAT_ORGANIZATIONS = [
  { code: 'MPTFFMU', name: 'Migration MPTF Fund Management Unit', acronym: 'FMU' },
  {
    code: 'MPTFO',
    name: 'UNDP Multi-Partner Trust Fund Office (Administrative Agent)',
    acronym: 'MPTF Office',
  },
  { code: 'UNNM', name: 'United Nations Network on Migration', acronym: 'UN Network on Migration' },
];
