/**
 * The fund-level results framework the seed starts from: three indicators per thematic area that
 * programme indicators link to, so results roll up across the portfolio. Editable by the FMU
 * (POST/PATCH /results/fund-indicators); the seed never overwrites edits.
 */
export const FUND_INDICATORS: {
  code: string;
  thematicAreaCode: number;
  title: string;
  measure: 'UNIT' | 'PERCENTAGE';
  unit: string;
}[] = [
  {
    code: 'FI-1.1',
    thematicAreaCode: 1,
    title:
      'Government institutions with strengthened capacity to collect, analyse and use disaggregated migration data',
    measure: 'UNIT',
    unit: 'institutions',
  },
  {
    code: 'FI-1.2',
    thematicAreaCode: 1,
    title: 'Migration policies, plans or strategies informed by evidence produced with fund support',
    measure: 'UNIT',
    unit: 'policies',
  },
  {
    code: 'FI-1.3',
    thematicAreaCode: 1,
    title:
      'Share of supported national data systems publishing migration statistics disaggregated by sex and age',
    measure: 'PERCENTAGE',
    unit: '%',
  },
  {
    code: 'FI-2.1',
    thematicAreaCode: 2,
    title: 'Migrants in vulnerable situations who received protection or assistance services',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-2.2',
    thematicAreaCode: 2,
    title:
      'Officials and service providers trained on rights-based, gender-responsive and child-sensitive approaches',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-2.3',
    thematicAreaCode: 2,
    title: 'Non-custodial alternatives to immigration detention established or expanded',
    measure: 'UNIT',
    unit: 'mechanisms',
  },
  {
    code: 'FI-3.1',
    thematicAreaCode: 3,
    title:
      'Border and law-enforcement officials trained on rights-based border governance and counter-trafficking',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-3.2',
    thematicAreaCode: 3,
    title: 'Victims of trafficking identified and referred to assistance',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-3.3',
    thematicAreaCode: 3,
    title: 'Returning migrants supported with sustainable reintegration assistance',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-4.1',
    thematicAreaCode: 4,
    title: 'Migrant workers benefiting from fair and ethical recruitment or skills recognition schemes',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-4.2',
    thematicAreaCode: 4,
    title: 'Bilateral or regional labour mobility agreements developed or revised with fund support',
    measure: 'UNIT',
    unit: 'agreements',
  },
  {
    code: 'FI-4.3',
    thematicAreaCode: 4,
    title: 'Average cost of sending remittances in supported corridors',
    measure: 'PERCENTAGE',
    unit: '% of amount sent',
  },
  {
    code: 'FI-5.1',
    thematicAreaCode: 5,
    title: 'Migrants with improved access to basic services (health, education, housing, justice)',
    measure: 'UNIT',
    unit: 'people',
  },
  {
    code: 'FI-5.2',
    thematicAreaCode: 5,
    title: 'Local governments implementing migrant inclusion or social cohesion plans',
    measure: 'UNIT',
    unit: 'local governments',
  },
  {
    code: 'FI-5.3',
    thematicAreaCode: 5,
    title: 'Share of migrants reporting discrimination in supported communities',
    measure: 'PERCENTAGE',
    unit: '%',
  },
];
