import { PartnerType, ProposalInput, ProposalScope, ProposalStage, ProposalStatus } from '@mptf/proposals';

/**
 * The demo portfolio's proposals: 16 joint programmes across the five thematic areas, several
 * regions and agencies, left in the states intake and screening can reach. Later steps (review,
 * finance) pick some by `key` and take them further (decisions, allocations, transfers).
 */
export interface DemoProposal {
  /** Stable handle for later demo steps. */
  key: string;
  /** Who creates it: a focal point of one of its PUNOs. */
  author: string;
  /** The status this step leaves it in. */
  status: ProposalStatus;
  /** FMU's screening note, or the SC's request for revision. */
  comment?: string;
  /** Days from today to the review due date (UNDER_REVIEW only). */
  reviewDueInDays?: number;
  /** The first submission was returned by the FMU and revised with `patch` (shows a revision diff). */
  revisedAfterReturn?: { comment: string; patch: Partial<ProposalInput> };
  input: ProposalInput;
}

const IOM = 'iom.focal@mptf.test';
const UNDP = 'undp.focal@mptf.test';
const UNICEF = 'unicef.focal@mptf.test';

/** Budget lines from thousands of US$ per category 1–7 ("0" lines are left out). */
function budget(byOrganization: Record<string, number[]>): ProposalInput['budgetLines'] {
  return Object.entries(byOrganization).flatMap(([orgCode, amounts]) =>
    amounts
      .map((thousands, index) => ({ orgCode, categoryCode: index + 1, amount: `${thousands * 1000}.00` }))
      .filter((line) => line.amount !== '0.00'),
  );
}

const S = ProposalStatus;
const TA = { DATA: 1, PROTECTION: 2, BORDERS: 3, REGULAR: 4, INCLUSION: 5 };

export const DEMO_PROPOSALS: DemoProposal[] = [
  {
    key: 'balkans-data',
    author: IOM,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 10,
    input: {
      title: 'Harmonized migration statistics for evidence-based policy in the Western Balkans',
      summary:
        'National statistical offices, ministries of interior and labour in five Western Balkan countries produce harmonized, sex- and age-disaggregated migration statistics, link administrative registers, and use the evidence in national migration strategies and EU accession planning.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['ALB', 'BIH', 'MNE', 'MKD', 'SRB'],
      thematicAreaCode: TA.DATA,
      gcmObjectiveCodes: [1, 23],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNDP', 'UNFPA'],
      durationMonths: 30,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [420, 15, 60, 310, 85, 120, 40],
        UNDP: [260, 10, 35, 180, 45, 90, 25],
        UNFPA: [150, 5, 20, 140, 30, 0, 15],
      }),
      nationalPartners: [
        { name: 'Regional Cooperation Council', type: PartnerType.OTHER },
        { name: 'Institute of Statistics of Albania (INSTAT)', type: PartnerType.GOVERNMENT },
      ],
    },
  },
  {
    key: 'pacific-climate-mobility',
    author: UNDP,
    status: S.DRAFT,
    input: {
      title: 'Evidence on climate mobility and planned relocation in Pacific island countries',
      summary:
        'Community-level data on disaster displacement, labour mobility and planned relocation in Fiji, Tuvalu, Kiribati and Vanuatu, feeding national relocation guidelines and the Pacific Regional Framework on Climate Mobility.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['FJI', 'TUV', 'KIR', 'VUT'],
      thematicAreaCode: TA.DATA,
      gcmObjectiveCodes: [1, 2, 3],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNDP', 'ESCAP'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [310, 20, 30, 240, 120, 90, 30],
        UNDP: [220, 10, 25, 160, 90, 60, 20],
        ESCAP: [120, 0, 10, 90, 40, 0, 10],
      }),
    },
  },
  {
    key: 'eastern-route-protection',
    author: IOM,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 14,
    input: {
      title: 'Protection and assistance for migrants in vulnerable situations along the Eastern Route',
      summary:
        'Migrant response centres, child protection case management and referral pathways in Ethiopia, Djibouti, Somalia and Yemen for migrants travelling towards the Arabian Peninsula, with safe return options for stranded migrants.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['ETH', 'DJI', 'SOM', 'YEM'],
      thematicAreaCode: TA.PROTECTION,
      gcmObjectiveCodes: [7, 8, 21],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNICEF', 'UNHCR'],
      durationMonths: 36,
      markers: { gender: 2, humanRights: 3, childSensitivity: 3 },
      budgetLines: budget({
        IOM: [780, 240, 110, 350, 95, 420, 120],
        UNICEF: [360, 120, 30, 180, 45, 310, 60],
        UNHCR: [240, 60, 20, 110, 35, 150, 40],
      }),
      nationalPartners: [{ name: 'Ethiopian Red Cross Society', type: PartnerType.CIVIL_SOCIETY }],
    },
  },
  {
    key: 'mexico-alternatives-to-detention',
    author: UNICEF,
    status: S.SUBMITTED,
    input: {
      title: 'Community-based alternatives to immigration detention for children and families in Mexico',
      summary:
        'Supports the National Migration Institute and the child protection system to end the detention of migrant children, with community-based care, case management and legal assistance for families in Chiapas, Tabasco and Mexico City.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['MEX'],
      thematicAreaCode: TA.PROTECTION,
      gcmObjectiveCodes: [13, 7],
      convenerCode: 'UNICEF',
      participatingOrgCodes: ['UNICEF', 'UNHCR', 'IOM'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 3, childSensitivity: 3 },
      governmentEndorsement: { endorsed: true, date: '2025-10-14' },
      budgetLines: budget({
        UNICEF: [380, 40, 20, 260, 45, 290, 35],
        UNHCR: [190, 20, 10, 120, 25, 160, 20],
        IOM: [160, 15, 10, 100, 30, 90, 15],
      }),
      nationalPartners: [
        {
          name: 'Sistema Nacional para el Desarrollo Integral de la Familia (DIF)',
          type: PartnerType.GOVERNMENT,
        },
        { name: 'Casa del Migrante Tapachula', type: PartnerType.CIVIL_SOCIETY },
      ],
    },
  },
  {
    key: 'missing-migrants-central-america',
    author: IOM,
    status: S.RETURNED,
    comment:
      'Returned at screening: the forensic equipment line (category 3) needs a justification and the OHCHR role should be described in the workplan.',
    input: {
      title: 'Search, identification and family support for missing migrants in Central America and Mexico',
      summary:
        'Regional mechanism for searching for missing migrants, forensic identification and support to families, linking national search commissions, consulates and civil society in Guatemala, Honduras, El Salvador and Mexico.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['GTM', 'HND', 'SLV', 'MEX'],
      thematicAreaCode: TA.PROTECTION,
      gcmObjectiveCodes: [8, 23],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'OHCHR', 'UNICEF'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 3, childSensitivity: 2 },
      budgetLines: budget({
        IOM: [340, 30, 280, 150, 80, 100, 30],
        OHCHR: [210, 5, 10, 90, 60, 40, 15],
        UNICEF: [120, 10, 5, 60, 20, 50, 10],
      }),
    },
  },
  {
    key: 'sahel-trafficking',
    author: IOM,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 7,
    input: {
      title: 'Countering trafficking in persons and smuggling of migrants across the Central Sahel',
      summary:
        'Strengthens investigation and prosecution of trafficking and smuggling networks in Niger, Chad and Nigeria while protecting victims: joint investigation teams, specialized prosecutors, victim identification and shelters with child-sensitive services.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['NER', 'TCD', 'NGA'],
      thematicAreaCode: TA.BORDERS,
      gcmObjectiveCodes: [9, 10],
      convenerCode: 'UNODC',
      participatingOrgCodes: ['UNODC', 'IOM', 'UNICEF'],
      durationMonths: 30,
      markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
      budgetLines: budget({
        UNODC: [520, 40, 90, 260, 140, 80, 45],
        IOM: [310, 60, 40, 150, 70, 180, 35],
        UNICEF: [150, 30, 10, 70, 30, 120, 20],
      }),
    },
  },
  {
    key: 'reintegration-north-central-america',
    author: IOM,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 21,
    input: {
      title: 'Sustainable reintegration of returning migrants in Guatemala and Honduras',
      summary:
        'Reception at the border and airports, psychosocial support, skills certification and links to local employers for returnees, with municipal reintegration desks in the departments of highest return.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['GTM', 'HND'],
      thematicAreaCode: TA.BORDERS,
      gcmObjectiveCodes: [21, 18],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNDP', 'ILO'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [410, 60, 30, 220, 50, 260, 40],
        UNDP: [230, 20, 15, 160, 30, 200, 25],
        ILO: [180, 10, 10, 120, 25, 60, 15],
      }),
    },
  },
  {
    key: 'central-asia-borders',
    author: IOM,
    status: S.INELIGIBLE,
    comment:
      'Ineligible at screening: two thirds of the budget is border infrastructure and equipment, which the fund does not finance.',
    input: {
      title: 'Rights-based integrated border management in Kazakhstan, Kyrgyzstan and Tajikistan',
      summary:
        'Modernizes border crossing points and trains border officials in human rights-based screening and referral of vulnerable migrants, with consular cooperation on stranded migrants.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['KAZ', 'KGZ', 'TJK'],
      thematicAreaCode: TA.BORDERS,
      gcmObjectiveCodes: [11, 14],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'UNODC', 'OHCHR'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [180, 250, 1200, 160, 40, 30, 25],
        UNODC: [90, 60, 240, 60, 20, 0, 10],
        OHCHR: [80, 0, 0, 30, 20, 0, 5],
      }),
    },
  },
  {
    key: 'nepal-malaysia-labour-mobility',
    author: IOM,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 18,
    revisedAfterReturn: {
      comment: 'Returned at screening: add UN Women as a PUNO for the gender analysis and cost it.',
      patch: {
        participatingOrgCodes: ['IOM', 'ILO', 'UNWOMEN'],
        markers: { gender: 3, humanRights: 2, childSensitivity: 1 },
        budgetLines: budget({
          IOM: [450, 20, 25, 280, 110, 90, 40],
          ILO: [330, 10, 15, 210, 80, 60, 30],
          UNWOMEN: [140, 5, 5, 90, 30, 40, 10],
        }),
      },
    },
    input: {
      title: 'Safe and regular labour mobility corridors between Nepal and Malaysia',
      summary:
        'Fair and ethical recruitment between Nepal and Malaysia: employer-pays model for recruitment fees, pre-departure and on-arrival orientation, complaint mechanisms for migrant workers, and bilateral labour agreement monitoring.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['NPL', 'MYS'],
      thematicAreaCode: TA.REGULAR,
      gcmObjectiveCodes: [5, 6],
      convenerCode: 'IOM',
      participatingOrgCodes: ['IOM', 'ILO'],
      durationMonths: 36,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        IOM: [480, 20, 25, 300, 110, 90, 40],
        ILO: [350, 10, 15, 220, 80, 60, 30],
      }),
      nationalPartners: [
        { name: 'Department of Foreign Employment, Nepal', type: PartnerType.GOVERNMENT },
        { name: 'Malaysian Trades Union Congress', type: PartnerType.TRADE_UNION },
      ],
    },
  },
  {
    key: 'central-asia-remittances',
    author: UNDP,
    status: S.SUBMITTED,
    input: {
      title: 'Cheaper remittances and diaspora investment for local development in Central Asia',
      summary:
        'Lowers the cost of sending money home to Kyrgyzstan, Tajikistan and Uzbekistan through digital channels and price comparison, and channels diaspora savings into local enterprises in migrant-sending districts.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['KGZ', 'TJK', 'UZB'],
      thematicAreaCode: TA.REGULAR,
      gcmObjectiveCodes: [19, 20],
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'IOM', 'UNCDF'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        UNDP: [290, 15, 40, 210, 50, 250, 30],
        IOM: [180, 10, 15, 120, 40, 60, 20],
        UNCDF: [140, 5, 30, 160, 20, 200, 15],
      }),
    },
  },
  {
    key: 'ecowas-social-security',
    author: UNDP,
    status: S.DRAFT,
    input: {
      title: 'Portability of social security for migrant workers in the ECOWAS region',
      summary:
        'Helps Senegal, Ghana, Côte d’Ivoire and Nigeria implement the ECOWAS General Convention on Social Security so that migrant workers keep their pension and health rights when they move.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['SEN', 'GHA', 'CIV', 'NGA'],
      thematicAreaCode: TA.REGULAR,
      gcmObjectiveCodes: [22, 6],
      convenerCode: 'ILO',
      participatingOrgCodes: ['ILO', 'IOM', 'UNDP'],
      durationMonths: 30,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        ILO: [380, 10, 20, 260, 90, 50, 30],
        IOM: [150, 5, 10, 90, 40, 30, 15],
        UNDP: [140, 5, 10, 80, 30, 40, 15],
      }),
    },
  },
  {
    key: 'dry-corridor-climate-mobility',
    author: UNDP,
    status: S.WITHDRAWN,
    comment: 'Withdrawn by the convener: merged into the Joint SDG Fund programme for the Dry Corridor.',
    input: {
      title: 'Climate-resilient livelihoods to reduce forced migration in the Central American Dry Corridor',
      summary:
        'Drought-resilient agriculture, water harvesting and anticipatory cash for farming families in the Dry Corridor of Guatemala, Honduras and El Salvador, so that migration is a choice and not a necessity.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['GTM', 'HND', 'SLV'],
      thematicAreaCode: TA.PROTECTION,
      gcmObjectiveCodes: [2, 23],
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'WFP', 'IOM'],
      durationMonths: 36,
      markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
      budgetLines: budget({
        UNDP: [320, 180, 60, 240, 40, 310, 35],
        WFP: [210, 260, 30, 120, 30, 380, 25],
        IOM: [120, 20, 10, 80, 25, 60, 15],
      }),
    },
  },
  {
    key: 'andean-health-access',
    author: UNICEF,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 25,
    input: {
      title:
        'Inclusive access to health services for migrants and host communities in Ecuador, Peru and Colombia',
      summary:
        'Brings Venezuelan and other migrants into primary health care, vaccination and maternal and child health services, with intercultural health promoters and portable health records across the three countries.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.REGIONAL,
      countryCodes: ['ECU', 'PER', 'COL'],
      thematicAreaCode: TA.INCLUSION,
      gcmObjectiveCodes: [15, 16],
      convenerCode: 'WHO',
      participatingOrgCodes: ['WHO', 'IOM', 'UNICEF', 'UNHCR'],
      durationMonths: 30,
      markers: { gender: 3, humanRights: 2, childSensitivity: 3 },
      budgetLines: budget({
        WHO: [360, 210, 60, 180, 50, 120, 30],
        IOM: [180, 60, 20, 90, 30, 70, 20],
        UNICEF: [170, 150, 10, 80, 25, 90, 20],
        UNHCR: [110, 30, 5, 60, 20, 50, 10],
      }),
    },
  },
  {
    key: 'thailand-legal-identity',
    author: UNICEF,
    status: S.REVISION_REQUESTED,
    comment:
      'The Steering Committee asks for a revision: set out the role of the Ministry of Interior in birth registration and a sustainability plan beyond the programme.',
    input: {
      title: 'Legal identity and birth registration for migrant children in Thailand',
      summary:
        'Universal birth registration and documentation for children of migrant workers in Thailand, through mobile registration in border provinces, school-based outreach and support to the civil registration system.',
      stage: ProposalStage.FULL_PROPOSAL,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['THA'],
      thematicAreaCode: TA.INCLUSION,
      gcmObjectiveCodes: [4, 15],
      convenerCode: 'UNICEF',
      participatingOrgCodes: ['UNICEF', 'IOM', 'UNHCR'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 3, childSensitivity: 3 },
      governmentEndorsement: { endorsed: true, date: '2025-09-02' },
      budgetLines: budget({
        UNICEF: [290, 40, 60, 170, 50, 140, 25],
        IOM: [150, 20, 20, 80, 30, 50, 15],
        UNHCR: [90, 10, 10, 50, 20, 30, 10],
      }),
    },
  },
  {
    key: 'south-africa-social-cohesion',
    author: UNDP,
    status: S.UNDER_REVIEW,
    reviewDueInDays: 12,
    input: {
      title: 'Social cohesion and action against xenophobia in South African cities',
      summary:
        'Early warning of xenophobic violence, community dialogues, municipal migrant help desks and counter-narrative work with media in Johannesburg, Durban and Cape Town, guided by the National Action Plan against Racism and Xenophobia.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['ZAF'],
      thematicAreaCode: TA.INCLUSION,
      gcmObjectiveCodes: [16, 17],
      convenerCode: 'UNDP',
      participatingOrgCodes: ['UNDP', 'IOM', 'UNHABITAT', 'OHCHR'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 3, childSensitivity: 1 },
      governmentEndorsement: { endorsed: true, date: '2025-11-03' },
      budgetLines: budget({
        UNDP: [310, 20, 15, 190, 40, 170, 30],
        IOM: [170, 10, 10, 90, 25, 80, 15],
        UNHABITAT: [120, 5, 5, 110, 20, 40, 10],
        OHCHR: [90, 0, 0, 40, 20, 0, 10],
      }),
    },
  },
  {
    key: 'colombia-urban-inclusion',
    author: UNDP,
    status: S.DRAFT,
    input: {
      title: 'Inclusive urban services for migrants and host communities in Colombian cities',
      summary:
        'Municipal plans in Cúcuta, Barranquilla and Bogotá that bring migrants into housing, water and sanitation, and local employment programmes, with participatory planning alongside host communities.',
      stage: ProposalStage.CONCEPT_NOTE,
      scope: ProposalScope.NATIONAL,
      countryCodes: ['COL'],
      thematicAreaCode: TA.INCLUSION,
      gcmObjectiveCodes: [15, 16],
      convenerCode: 'UNHABITAT',
      participatingOrgCodes: ['UNHABITAT', 'UNDP', 'UNICEF'],
      durationMonths: 24,
      markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
      budgetLines: budget({
        UNHABITAT: [260, 30, 20, 220, 30, 150, 20],
        UNDP: [180, 10, 10, 120, 20, 90, 15],
        UNICEF: [100, 30, 5, 60, 15, 70, 10],
      }),
    },
  },
];

/** The id of a demo proposal by its key (via its unique title), or null when it is not seeded. */
