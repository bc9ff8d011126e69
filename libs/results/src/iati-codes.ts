/**
 * The IATI codes and identifiers the export uses, and the budget periods it reports: reference
 * data kept in one place (IATI 2.03 codelists; organisation identifiers under XM-DAC, the OECD
 * DAC channel and donor codes the UN entities and donor governments publish under).
 */

/** IATI organisation identifiers of UN entities (XM-DAC + CRS channel code, or what they publish). */
export const UN_IATI_ORG_REFS: Readonly<Record<string, string>> = {
  IOM: 'XM-DAC-47066',
  ILO: 'XM-DAC-41302',
  UNDP: 'XM-DAC-41114',
  UNICEF: 'XM-DAC-41122',
  OHCHR: 'XM-DAC-41313',
  UNHCR: 'XM-DAC-41121',
  UNODC: 'XM-DAC-41128',
  UNWOMEN: 'XM-DAC-41146',
  UNFPA: 'XM-DAC-41119',
  WHO: 'XM-DAC-928',
  UNHABITAT: 'XM-DAC-41120',
  WFP: 'XM-DAC-41140',
  IFAD: 'XM-DAC-41108',
  // A department of the UN Secretariat: the Secretariat's channel ("United Nations").
  UNDESA: 'XM-DAC-41305',
  UNAIDS: 'XM-DAC-41110',
  FAO: 'XM-DAC-41301',
  UNESCO: 'XM-DAC-41304',
  UNEP: 'XM-DAC-41116',
  UNCTAD: 'XM-DAC-41112',
  UNOPS: 'XM-DAC-41AAA',
  UNITAR: 'XM-DAC-41125',
  UNRWA: 'XM-DAC-41130',
  ITC: 'XM-DAC-45001',
  ECA: 'XM-DAC-41103',
  ECLAC: 'XM-DAC-41104',
  ESCAP: 'XM-DAC-41106',
  ESCWA: 'XM-DAC-41105',
  ECE: 'XM-DAC-41314',
  UNIDO: 'XM-DAC-41123',
  UNV: 'XM-DAC-41135',
  WMO: 'XM-DAC-41309',
  ITU: 'XM-DAC-41303',
  UPU: 'XM-DAC-41306',
  OCHA: 'XM-DAC-41127',
  UNDRR: 'XM-DAC-41315',
  UNFCCC: 'XM-DAC-41316',
  UNCCD: 'XM-DAC-41101',
  UNCDF: 'XM-DAC-41111',
  UNU: 'XM-DAC-41134',
  UNSSC: 'XM-DAC-41131',
  UNRISD: 'XM-DAC-41129',
  // Offices of the UN Secretariat, like UNDESA: the Secretariat's channel.
  UNOCT: 'XM-DAC-41305',
  DCO: 'XM-DAC-41305',
  DPPA: 'XM-DAC-41305',
  WIPO: 'XM-DAC-41308',
  UNWTO: 'XM-DAC-41319',
  // UNICRI, ICAO and IMO have no channel code of their own in the CRS list (IMO's 41145 is its
  // Technical Co-operation Fund only): left without an identifier rather than given a guess.
};

/** IATI organisation identifiers of donor governments (XM-DAC + DAC donor code), by ISO code. */
export const DONOR_IATI_REFS: Readonly<Record<string, string>> = {
  AUT: 'XM-DAC-1',
  BEL: 'XM-DAC-2',
  DNK: 'XM-DAC-3',
  FRA: 'XM-DAC-4',
  DEU: 'XM-DAC-5',
  ITA: 'XM-DAC-6',
  NLD: 'XM-DAC-7',
  NOR: 'XM-DAC-8',
  PRT: 'XM-DAC-9',
  SWE: 'XM-DAC-10',
  CHE: 'XM-DAC-11',
  GBR: 'XM-DAC-12',
  FIN: 'XM-DAC-18',
  ISL: 'XM-DAC-20',
  IRL: 'XM-DAC-21',
  LUX: 'XM-DAC-22',
  GRC: 'XM-DAC-40',
  ESP: 'XM-DAC-50',
  CAN: 'XM-DAC-301',
  USA: 'XM-DAC-302',
  JPN: 'XM-DAC-701',
  KOR: 'XM-DAC-742',
  AUS: 'XM-DAC-801',
  NZL: 'XM-DAC-820',
};

/** OrganisationType: 10 government, 40 multilateral. */
export const ORG_TYPE = { government: '10', multilateral: '40' } as const;

/**
 * The activity defaults: CollaborationType 2 (multilateral), FlowType 10 (ODA), FinanceType 110
 * (standard grant), AidType C01 (project-type interventions) of vocabulary 1.
 */
export const ACTIVITY_DEFAULTS = {
  collaborationType: '2',
  flowType: '10',
  financeType: '110',
  aidType: 'C01',
} as const;

/** SDG 10 (reduced inequalities) and its target 10.7 (orderly, safe, regular migration). */
export const SDG_TAGS = [
  { vocabulary: '2', code: '10', narrative: 'Reduce inequality within and among countries' },
  {
    vocabulary: '3',
    code: '10.7',
    narrative: 'Facilitate orderly, safe, regular and responsible migration and mobility of people',
  },
] as const;

/** DocumentCategory A12: activity web page. */
export const ACTIVITY_WEB_PAGE = 'A12';

export interface Markers {
  gender: number;
  humanRights: number;
  childSensitivity: number;
}

/**
 * The proposal's markers as IATI policy markers. Gender: DAC gender equality marker (vocabulary
 * 1, code 1); the fund's marker 3 is a principal objective (2), 2 a significant one (1), below
 * that not targeted (0). Human rights and child sensitivity have no DAC marker: the fund's own
 * codes (vocabulary 99), their significance mapped the same way.
 */
export function policyMarkers(
  markers: Markers,
): { vocabulary: string; code: string; significance: string; narrative?: string }[] {
  const significance = (score: number) => (score >= 3 ? '2' : score === 2 ? '1' : '0');
  return [
    { vocabulary: '1', code: '1', significance: significance(markers.gender) },
    {
      vocabulary: '99',
      code: 'HUMAN-RIGHTS',
      significance: significance(markers.humanRights),
      narrative: 'Human rights-based approach (fund marker)',
    },
    {
      vocabulary: '99',
      code: 'CHILD-SENSITIVITY',
      significance: significance(markers.childSensitivity),
      narrative: 'Child sensitivity (fund marker)',
    },
  ];
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
const addDays = (date: string, count: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
/** The day before the same date a year later (2026-03-01 → 2027-02-28). */
function yearEnd(start: string): string {
  const [year, month, day] = start.split('-').map(Number);
  const next = new Date(Date.UTC(year + 1, month - 1, day));
  if (next.getUTCMonth() !== month - 1) next.setUTCDate(0); // 29 February → 28 February
  return addDays(next.toISOString().slice(0, 10), -1);
}

/**
 * A budget over [start, end] cut into periods of at most one year (IATI's rule), the amount
 * shared by the periods' days in whole cents, the rounding on the last period: the parts add
 * up to the total exactly.
 */
export function budgetPeriods(
  start: string,
  end: string,
  amountCents: bigint,
): { periodStart: string; periodEnd: string; amountCents: bigint }[] {
  const periods: { periodStart: string; periodEnd: string }[] = [];
  for (let from = start; from <= end;) {
    const to = yearEnd(from) < end ? yearEnd(from) : end;
    periods.push({ periodStart: from, periodEnd: to });
    from = addDays(to, 1);
  }
  if (!periods.length) return [];
  const total = BigInt(days(start, end) + 1);
  let given = 0n;
  return periods.map((period, index) => {
    const share =
      index === periods.length - 1
        ? amountCents - given
        : (amountCents * BigInt(days(period.periodStart, period.periodEnd) + 1)) / total;
    given += share;
    return { ...period, amountCents: share };
  });
}
