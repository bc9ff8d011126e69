/**
 * Global Compact for Safe, Orderly and Regular Migration (GCM) reference data,
 * adopted by the General Assembly in resolution A/RES/73/195 (19 December 2018).
 */

export interface GcmObjectiveRecord {
  /** Objective number, 1–23. */
  code: number;
  /** Short label for lists and charts. */
  shortTitle: string;
  /** Full official title (A/RES/73/195, para. 16). */
  title: string;
}

export const GCM_OBJECTIVES: GcmObjectiveRecord[] = [
  {
    code: 1,
    shortTitle: 'Data',
    title: 'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
  },
  {
    code: 2,
    shortTitle: 'Adverse drivers',
    title:
      'Minimize the adverse drivers and structural factors that compel people to leave their country of origin',
  },
  {
    code: 3,
    shortTitle: 'Information',
    title: 'Provide accurate and timely information at all stages of migration',
  },
  {
    code: 4,
    shortTitle: 'Legal identity',
    title: 'Ensure that all migrants have proof of legal identity and adequate documentation',
  },
  {
    code: 5,
    shortTitle: 'Regular pathways',
    title: 'Enhance availability and flexibility of pathways for regular migration',
  },
  {
    code: 6,
    shortTitle: 'Fair recruitment and decent work',
    title: 'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work',
  },
  {
    code: 7,
    shortTitle: 'Reduce vulnerabilities',
    title: 'Address and reduce vulnerabilities in migration',
  },
  {
    code: 8,
    shortTitle: 'Save lives',
    title: 'Save lives and establish coordinated international efforts on missing migrants',
  },
  {
    code: 9,
    shortTitle: 'Counter smuggling',
    title: 'Strengthen the transnational response to smuggling of migrants',
  },
  {
    code: 10,
    shortTitle: 'Counter trafficking',
    title: 'Prevent, combat and eradicate trafficking in persons in the context of international migration',
  },
  {
    code: 11,
    shortTitle: 'Border management',
    title: 'Manage borders in an integrated, secure and coordinated manner',
  },
  {
    code: 12,
    shortTitle: 'Migration procedures',
    title:
      'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral',
  },
  {
    code: 13,
    shortTitle: 'Alternatives to detention',
    title: 'Use migration detention only as a measure of last resort and work towards alternatives',
  },
  {
    code: 14,
    shortTitle: 'Consular protection',
    title: 'Enhance consular protection, assistance and cooperation throughout the migration cycle',
  },
  {
    code: 15,
    shortTitle: 'Basic services',
    title: 'Provide access to basic services for migrants',
  },
  {
    code: 16,
    shortTitle: 'Inclusion and social cohesion',
    title: 'Empower migrants and societies to realize full inclusion and social cohesion',
  },
  {
    code: 17,
    shortTitle: 'Eliminate discrimination',
    title:
      'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration',
  },
  {
    code: 18,
    shortTitle: 'Skills development',
    title:
      'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences',
  },
  {
    code: 19,
    shortTitle: 'Diaspora contributions',
    title:
      'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries',
  },
  {
    code: 20,
    shortTitle: 'Remittances',
    title:
      'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants',
  },
  {
    code: 21,
    shortTitle: 'Return and reintegration',
    title:
      'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration',
  },
  {
    code: 22,
    shortTitle: 'Social security portability',
    title: 'Establish mechanisms for the portability of social security entitlements and earned benefits',
  },
  {
    code: 23,
    shortTitle: 'International cooperation',
    title:
      'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
  },
];

export interface GuidingPrincipleRecord {
  /** Stable machine code, e.g. 'PEOPLE_CENTRED'. */
  code: string;
  /** Title as written in A/RES/73/195, para. 15. */
  title: string;
  /** One-sentence paraphrase of the principle. */
  description: string;
}

/** The ten cross-cutting and interdependent guiding principles of the GCM (A/RES/73/195, para. 15 (a)–(j)). */
export const GUIDING_PRINCIPLES: GuidingPrincipleRecord[] = [
  {
    code: 'PEOPLE_CENTRED',
    title: 'People-centred',
    description:
      'The Compact has a strong human dimension, promoting the well-being of migrants and of the members of ' +
      'communities in countries of origin, transit and destination, and placing the individual at its core.',
  },
  {
    code: 'INTERNATIONAL_COOPERATION',
    title: 'International cooperation',
    description:
      'Migration is a transnational phenomenon that no State can address alone, so the Compact relies on ' +
      'international, regional and bilateral cooperation and dialogue.',
  },
  {
    code: 'NATIONAL_SOVEREIGNTY',
    title: 'National sovereignty',
    description:
      'The Compact reaffirms the sovereign right of States to determine their national migration policy and to ' +
      'govern migration within their jurisdiction, in conformity with international law.',
  },
  {
    code: 'RULE_OF_LAW_AND_DUE_PROCESS',
    title: 'Rule of law and due process',
    description:
      'The Compact recognizes that respect for the rule of law, due process and access to justice is ' +
      'fundamental to all aspects of migration governance.',
  },
  {
    code: 'SUSTAINABLE_DEVELOPMENT',
    title: 'Sustainable development',
    description:
      'The Compact is rooted in the 2030 Agenda for Sustainable Development and aims to leverage the potential ' +
      'of migration for achieving all the Sustainable Development Goals.',
  },
  {
    code: 'HUMAN_RIGHTS',
    title: 'Human rights',
    description:
      'The Compact is based on international human rights law and upholds the principles of non-regression and ' +
      'non-discrimination, ensuring respect for the human rights of all migrants regardless of migration status.',
  },
  {
    code: 'GENDER_RESPONSIVE',
    title: 'Gender-responsive',
    description:
      'The Compact ensures that the human rights of women, men, girls and boys are respected at all stages of ' +
      'migration and mainstreams a gender perspective that recognizes the agency and leadership of migrant women.',
  },
  {
    code: 'CHILD_SENSITIVE',
    title: 'Child-sensitive',
    description:
      'The Compact promotes existing legal obligations on the rights of the child and upholds the best interests ' +
      'of the child as a primary consideration in all situations concerning children in international migration.',
  },
  {
    code: 'WHOLE_OF_GOVERNMENT',
    title: 'Whole-of-government approach',
    description:
      'Because migration cannot be addressed by one policy sector alone, the Compact calls for horizontal and ' +
      'vertical policy coherence across all sectors and levels of government.',
  },
  {
    code: 'WHOLE_OF_SOCIETY',
    title: 'Whole-of-society approach',
    description:
      'The Compact promotes broad multi-stakeholder partnerships that include migrants, diasporas, local ' +
      'communities, civil society, academia, the private sector, trade unions and other relevant stakeholders.',
  },
];
