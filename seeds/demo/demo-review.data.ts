import { ProposalInput, ProposalScope, ProposalStage } from '@mptf/proposals';
import { DecisionOutcome, Recommendation } from '@mptf/review';
import type { DemoProgrammeTarget } from './demo-finance.step';

/** The Steering Committee's demo rounds: who reviewed what, how each past proposal was decided. */
const IOM = 'iom.focal@mptf.test';
const UNDP = 'undp.focal@mptf.test';
const UNICEF = 'unicef.focal@mptf.test';
export const FMU = 'fmu@mptf.test';
export const CHAIR = 'chair@mptf.test';
const SC_UNDP = 'sc.undp@mptf.test';
const SC_UNICEF = 'sc.unicef@mptf.test';
const SC_DEU = 'sc.deu@mptf.test';

/** Scores per criterion (RELEVANCE, GUIDING_PRINCIPLES, JOINT_PROGRAMMING, RESULTS, FEASIBILITY, INNOVATION). */
type Scores = [number, number, number, number, number, number];

export interface DemoReview {
  member: string;
  scores: Scores;
  recommendation: Recommendation;
  comment: string;
}

/** A proposal of an earlier round, taken through screening, review and a decision at a past meeting. */
export interface DecidedProposal {
  key: string;
  author: string;
  meeting: 'first' | 'second';
  decision: DecisionOutcome;
  justification: string;
  conditions?: string;
  /** Where its money takes it after approval, and the date of its first transfer. */
  money?: { target: DemoProgrammeTarget; startDate?: string };
  reviews: DemoReview[];
  input: ProposalInput;
}

/** Budget lines from thousands of US$ per category 1–7, scaled ("0" lines are left out). */
function budget(byOrganization: Record<string, number[]>, scale = 1): ProposalInput['budgetLines'] {
  return Object.entries(byOrganization).flatMap(([orgCode, amounts]) =>
    amounts
      .map((thousands, index) => ({
        orgCode,
        categoryCode: index + 1,
        amount: `${Math.round(thousands * scale) * 1000}.00`,
      }))
      .filter((line) => line.amount !== '0.00'),
  );
}

const strong = (member: string, comment: string, scores: Scores = [5, 4, 4, 4, 4, 3]): DemoReview => ({
  member,
  scores,
  recommendation: Recommendation.APPROVE,
  comment,
});
const weak = (member: string, comment: string, scores: Scores = [2, 3, 2, 2, 2, 2]): DemoReview => ({
  member,
  scores,
  recommendation: Recommendation.REJECT,
  comment,
});
const revise = (member: string, comment: string, scores: Scores = [4, 3, 3, 2, 3, 3]): DemoReview => ({
  member,
  scores,
  recommendation: Recommendation.REVISE,
  comment,
});

export const FIRST_MEETING = {
  title: 'Steering Committee — 2024 first session',
  date: '2024-06-12',
};
export const SECOND_MEETING = {
  title: 'Steering Committee — 2026 first session',
  date: '2026-05-20',
};
export const UPCOMING_MEETING_TITLE = 'Steering Committee — 2026 fourth session';

/** Earlier rounds of the fund, recorded in the system (as a migration of the fund's records would). */
export const DECIDED_PROPOSALS: DecidedProposal[] = [
  {
    key: 'west-africa-reintegration',
    author: IOM,
    meeting: 'first',
    decision: DecisionOutcome.APPROVED,
    justification:
      'Consensus to approve: strong national ownership in four countries, community-based reintegration, and a clear link to GCM objective 21.',
    money: { target: 'ACTIVE', startDate: '2024-09-01' },
    reviews: [
      strong(SC_DEU, 'Well-designed community reintegration; good use of national referral systems.'),
      strong(CHAIR, 'Fills a gap in West Africa; solid results framework.', [5, 5, 4, 4, 4, 3]),
      strong(SC_UNICEF, 'Child-sensitive reintegration plans are convincing.', [4, 5, 4, 4, 3, 3]),
    ],
    input: {
      title: 'Dignified return and sustainable reintegration in Senegal, The Gambia, Guinea and Mali',
      summary:
        'Community-based reintegration for returning migrants, psychosocial care and referral to national employment schemes, with municipal reintegration committees in the main areas of return.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['SEN', 'GMB', 'GIN', 'MLI'],
      thematicAreaCode: 3,
      gcmObjectiveCodes: [21, 23],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNDP', 'UNICEF'],
      durationMonths: 36,
      markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
      budgetLines: budget(
        {
          IOM: [520, 60, 40, 260, 80, 380, 45],
          UNDP: [240, 20, 15, 150, 40, 220, 25],
          UNICEF: [150, 40, 10, 90, 25, 120, 15],
        },
        1.5,
      ),
    },
  },
  {
    key: 'philippines-migrant-workers',
    author: IOM,
    meeting: 'first',
    decision: DecisionOutcome.APPROVED,
    justification:
      'Approved: a government-led programme on fair recruitment and social protection of overseas Filipino workers, with a credible exit strategy.',
    conditions: 'The inception report sets baselines for the recruitment-cost indicators.',
    money: { target: 'ACTIVE', startDate: '2024-10-15' },
    reviews: [
      strong(SC_UNDP, 'Strong government ownership; realistic workplan.'),
      strong(SC_DEU, 'Good value for money.', [4, 4, 4, 4, 5, 3]),
      revise(SC_UNICEF, 'Families left behind deserve a stronger component.'),
    ],
    input: {
      title: 'Fair recruitment and portable social protection for Filipino migrant workers',
      summary:
        'Supports the Department of Migrant Workers to enforce fair recruitment, negotiate social security agreements with destination countries and reach migrant workers with pre-departure and reintegration services.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['PHL'],
      thematicAreaCode: 4,
      gcmObjectiveCodes: [6, 22],
      convenerCode: 'ILO',
      participatingOrgCodes: ['ILO', 'IOM', 'UNWOMEN'],
      durationMonths: 30,
      markers: { gender: 3, humanRights: 2, childSensitivity: 1 },
      governmentEndorsement: { endorsed: true, date: '2024-03-05' },
      budgetLines: budget(
        {
          ILO: [420, 15, 20, 260, 70, 80, 35],
          IOM: [300, 20, 15, 180, 60, 90, 25],
          UNWOMEN: [160, 5, 5, 90, 30, 40, 10],
        },
        1.8,
      ),
    },
  },
  {
    key: 'morocco-inclusion',
    author: UNDP,
    meeting: 'first',
    decision: DecisionOutcome.APPROVED,
    justification:
      'Approved: municipal inclusion plans in Rabat, Casablanca and Oujda with a strong local-government role.',
    money: { target: 'APPROVED' },
    reviews: [
      strong(SC_DEU, 'Local governments in the lead; good partnership with civil society.'),
      strong(SC_UNICEF, 'Access to schooling for migrant children is well costed.', [4, 4, 4, 4, 4, 4]),
      strong(CHAIR, 'Balanced portfolio addition in North Africa.', [4, 4, 5, 4, 4, 3]),
    ],
    input: {
      title: 'Inclusive cities: migrants in municipal services in Morocco',
      summary:
        'Municipal one-stop desks, access to health, schooling and vocational training for migrants in Rabat, Casablanca and Oujda, within the National Strategy on Immigration and Asylum.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['MAR'],
      thematicAreaCode: 5,
      gcmObjectiveCodes: [15, 16],
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'IOM', 'UNHCR'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
      governmentEndorsement: { endorsed: true, date: '2024-02-21' },
      budgetLines: budget(
        {
          UNDP: [330, 30, 20, 210, 40, 190, 30],
          IOM: [200, 20, 10, 110, 30, 90, 20],
          UNHCR: [120, 10, 5, 60, 20, 50, 10],
        },
        1.6,
      ),
    },
  },
  {
    key: 'global-migration-data',
    author: IOM,
    meeting: 'first',
    decision: DecisionOutcome.APPROVED,
    justification: 'Approved: global public good on migration data, complementing national programmes.',
    money: { target: 'FINANCIALLY_CLOSED', startDate: '2024-08-01' },
    reviews: [
      strong(SC_DEU, 'A sound global component; clear deliverables.', [5, 4, 4, 5, 4, 4]),
      strong(SC_UNDP, 'Useful for all thematic areas.'),
      strong(SC_UNICEF, 'Child-disaggregated data is welcome.', [4, 4, 4, 4, 4, 3]),
    ],
    input: {
      title: 'Global capacity for disaggregated migration statistics',
      summary:
        'Guidance, training and peer exchange for national statistical offices on migration statistics disaggregated by sex, age and migratory status, building on the recommendations of the UN Statistical Commission.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.GLOBAL,
      countryCodes: [],
      thematicAreaCode: 1,
      gcmObjectiveCodes: [1, 17],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNDESA', 'UNFPA'],
      durationMonths: 18,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [280, 10, 20, 160, 70, 20, 20],
        UNDESA: [190, 5, 10, 90, 50, 0, 10],
        UNFPA: [110, 5, 5, 60, 30, 0, 10],
      }),
    },
  },
  {
    key: 'bangladesh-climate-mobility',
    author: UNDP,
    meeting: 'first',
    decision: DecisionOutcome.APPROVED,
    justification:
      'Approved: addresses drivers of displacement in coastal Bangladesh with a strong community focus.',
    money: { target: 'OPERATIONALLY_CLOSED', startDate: '2024-08-15' },
    reviews: [
      strong(SC_DEU, 'Relevant to objective 2; sound risk analysis.'),
      strong(CHAIR, 'Good complement to national adaptation plans.', [5, 4, 4, 4, 3, 4]),
    ],
    input: {
      title: 'Reducing climate-related displacement in coastal Bangladesh',
      summary:
        'Climate-resilient livelihoods, planned relocation guidance and protection of displaced families in Khulna and Satkhira, with local disaster management committees.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['BGD'],
      thematicAreaCode: 2,
      gcmObjectiveCodes: [2, 7],
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'IOM', 'UNICEF'],
      durationMonths: 18,
      markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
      governmentEndorsement: { endorsed: true, date: '2024-03-02' },
      budgetLines: budget(
        {
          UNDP: [280, 120, 30, 180, 30, 220, 25],
          IOM: [160, 40, 15, 90, 25, 110, 15],
          UNICEF: [90, 40, 5, 50, 15, 70, 10],
        },
        1.5,
      ),
    },
  },
  {
    key: 'caribbean-disaster-displacement',
    author: UNICEF,
    meeting: 'first',
    decision: DecisionOutcome.PIPELINE,
    justification:
      // The fund could pay for it (the pack says so): pipelined for balance, not for lack of funds.
      'Endorsed on quality; placed in the pipeline to keep the thematic balance of this session, which already funds a programme on climate-related displacement in thematic area 2.',
    reviews: [
      strong(SC_DEU, 'Strong protection focus; feasible.', [4, 4, 4, 4, 4, 3]),
      strong(SC_UNDP, 'Good regional coordination.', [4, 4, 4, 3, 4, 3]),
    ],
    input: {
      title: 'Protecting children and families displaced by disasters in the Caribbean',
      summary:
        'Child protection in evacuation and displacement, cross-border family tracing and safe return after hurricanes in Haiti, the Dominican Republic and Jamaica.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['HTI', 'DOM', 'JAM'],
      thematicAreaCode: 2,
      gcmObjectiveCodes: [2, 7, 8],
      convenerCode: 'UNICEF',
      participatingOrgCodes: ['UNICEF', 'IOM', 'UNDP'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 3, childSensitivity: 3 },
      budgetLines: budget({
        UNICEF: [310, 150, 20, 140, 40, 180, 25],
        IOM: [180, 60, 10, 80, 30, 70, 15],
        UNDP: [110, 10, 5, 70, 20, 40, 10],
      }),
    },
  },
  {
    key: 'mediterranean-coordination',
    author: IOM,
    meeting: 'first',
    decision: DecisionOutcome.REJECTED,
    justification:
      'Rejected: the activities duplicate existing regional mechanisms and the budget is mostly equipment the fund does not finance.',
    reviews: [
      weak(SC_DEU, 'Duplicates existing coordination; weak joint programming.'),
      weak(SC_UNDP, 'Budget dominated by equipment.', [3, 3, 2, 2, 1, 2]),
      weak(CHAIR, 'Not a priority for the fund.'),
    ],
    input: {
      title: 'Regional coordination on search and rescue in the Central Mediterranean',
      summary:
        'Coordination platform between maritime authorities, equipment for disembarkation points and data sharing on arrivals in Italy, Greece and Malta.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['ITA', 'GRC', 'MLT'],
      thematicAreaCode: 2,
      gcmObjectiveCodes: [8],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNHCR'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [150, 80, 900, 120, 60, 0, 20],
        UNHCR: [90, 20, 150, 40, 30, 0, 10],
      }),
    },
  },
  {
    key: 'east-africa-labour-mobility',
    author: UNDP,
    meeting: 'first',
    decision: DecisionOutcome.REVISION_REQUESTED,
    justification:
      'Revision requested: the SC asks for a clearer role for the IGAD secretariat and costed skills recognition activities.',
    reviews: [
      revise(SC_DEU, 'Promising but the regional dimension is thin.'),
      revise(CHAIR, 'Needs costed skills recognition.', [4, 4, 3, 3, 3, 3]),
    ],
    input: {
      title: 'Labour mobility and skills recognition between Kenya and Ethiopia',
      summary:
        'Bilateral labour mobility arrangements, mutual recognition of skills and protection of migrant workers on the Kenya–Ethiopia corridor, within the IGAD free movement protocol.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['KEN', 'ETH'],
      thematicAreaCode: 4,
      gcmObjectiveCodes: [5, 18],
      convenerCode: 'ILO',
      participatingOrgCodes: ['ILO', 'IOM', 'UNDP'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        ILO: [260, 10, 10, 150, 60, 40, 20],
        IOM: [180, 10, 10, 100, 40, 40, 15],
        UNDP: [120, 5, 5, 80, 30, 30, 10],
      }),
    },
  },
  {
    key: 'guatemala-mexico-temporary-work',
    author: IOM,
    meeting: 'second',
    decision: DecisionOutcome.APPROVED,
    justification:
      'Approved: fair temporary labour migration between Guatemala and Mexico, with strong employer engagement.',
    money: { target: 'ACTIVE', startDate: '2026-07-01' },
    reviews: [
      strong(SC_DEU, 'Good employer engagement.', [4, 4, 4, 4, 4, 4]),
      strong(SC_UNDP, 'Credible protection measures for seasonal workers.'),
      strong(CHAIR, 'Regular pathways are under-represented in the portfolio.', [5, 4, 4, 4, 4, 4]),
    ],
    input: {
      title: 'Fair temporary labour migration between Guatemala and southern Mexico',
      summary:
        'Registration and fair recruitment of Guatemalan seasonal workers in Chiapas agriculture, labour inspection, and health and education access for accompanying children.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['GTM', 'MEX'],
      thematicAreaCode: 4,
      gcmObjectiveCodes: [5, 6],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'ILO', 'UNICEF'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
      budgetLines: budget(
        {
          IOM: [300, 20, 10, 170, 50, 110, 20],
          ILO: [200, 10, 5, 120, 40, 40, 15],
          UNICEF: [100, 30, 5, 50, 15, 60, 10],
        },
        2,
      ),
    },
  },
  {
    key: 'moldova-diaspora',
    author: UNDP,
    meeting: 'second',
    decision: DecisionOutcome.PIPELINE,
    // Its pack says it fits the funds: pipelined for balance (Guatemala–Mexico takes area 4 now).
    justification:
      'Endorsed; placed in the pipeline to keep the thematic balance of this session, at which thematic area 4 receives the Guatemala–Mexico programme.',
    reviews: [
      strong(SC_DEU, 'Innovative diaspora matching fund.', [4, 4, 3, 4, 4, 5]),
      strong(SC_UNICEF, 'Good targeting of migrant-sending districts.', [4, 4, 4, 3, 4, 4]),
    ],
    input: {
      title: 'Diaspora engagement for local development in Moldova',
      summary:
        'A matching fund for diaspora investment in home communities, cheaper remittance channels and municipal diaspora desks in twelve districts with high emigration.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['MDA'],
      thematicAreaCode: 4,
      gcmObjectiveCodes: [19, 20],
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'IOM'],
      durationMonths: 30,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      governmentEndorsement: { endorsed: true, date: '2026-01-28' },
      budgetLines: budget({
        UNDP: [260, 20, 15, 170, 40, 300, 20],
        IOM: [170, 10, 10, 100, 30, 90, 15],
      }),
    },
  },
];

/** Reviews on proposals of the current round (under review), and one declared conflict. */
export const CURRENT_REVIEWS: {
  key: string;
  reviews: DemoReview[];
  conflicts?: { member: string; reason: string }[];
}[] = [
  {
    key: 'balkans-data',
    reviews: [
      strong(CHAIR, 'Solid statistical partnership; links to EU accession planning.', [5, 4, 4, 5, 4, 3]),
      strong(SC_UNICEF, 'Disaggregation by age is well planned.', [4, 4, 4, 4, 4, 3]),
      revise(SC_DEU, 'Clarify how the registers will be linked legally.', [4, 3, 4, 3, 3, 3]),
    ],
  },
  {
    key: 'eastern-route-protection',
    reviews: [
      strong(SC_UNDP, 'Life-saving assistance on a neglected route.', [5, 5, 4, 4, 3, 3]),
      strong(SC_DEU, 'Strong child protection; costs are high but justified.', [5, 5, 4, 4, 3, 3]),
    ],
  },
  {
    key: 'sahel-trafficking',
    reviews: [revise(SC_DEU, 'The prosecution component needs national counterparts.', [4, 3, 3, 3, 3, 2])],
    conflicts: [
      {
        member: SC_UNDP,
        reason: 'UNDP runs the regional rule-of-law programme with the same justice ministries and partners.',
      },
    ],
  },
  {
    key: 'nepal-malaysia-labour-mobility',
    reviews: [strong(CHAIR, 'Employer-pays model is a good fit for the fund.', [5, 4, 4, 4, 4, 4])],
  },
];

/** The proposals on the agenda of the next meeting (its decision pack shows what approving each would do). */
export const UPCOMING_AGENDA = [
  'balkans-data',
  'eastern-route-protection',
  'sahel-trafficking',
  'nepal-malaysia-labour-mobility',
];
