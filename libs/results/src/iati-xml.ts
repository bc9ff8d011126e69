import { LedgerKind } from '@mptf/finance';
import { formatMoney } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import {
  ACTIVITY_DEFAULTS,
  ACTIVITY_WEB_PAGE,
  budgetPeriods,
  Markers,
  ORG_TYPE,
  policyMarkers,
  SDG_TAGS,
} from './iati-codes';
import { element, escapeText, narrative } from './iati-xml-base';
import { IatiResult, resultsXml } from './iati-results-xml';

export { element, escapeAttribute, escapeText, narrative } from './iati-xml-base';

/**
 * IATI 2.03 activity XML of a programme, elements in the order of the XSD's sequence
 * (iati-activities-schema.xsd, iati-activity).
 */

/** IATI ActivityStatus: 1 pipeline/identification, 2 implementation, 3 finalisation, 4 closed. */
export function activityStatusCode(status: ProposalStatus): string {
  switch (status) {
    case ProposalStatus.ACTIVE:
      return '2';
    case ProposalStatus.OPERATIONALLY_CLOSED:
      return '3';
    case ProposalStatus.FINANCIALLY_CLOSED:
      return '4';
    default:
      return '1';
  }
}

/** IATI ActivityScope: 1 global, 2 regional, 4 national. */
export function activityScopeCode(scope: string): string {
  return scope === 'GLOBAL' ? '1' : scope === 'REGIONAL' ? '2' : '4';
}

/** A money movement of the finance ledger on a programme, as the export needs it. */
export interface LedgerTransactionRow {
  kind:
    | `${LedgerKind.ALLOCATION}`
    | `${LedgerKind.TRANSFER}`
    | `${LedgerKind.REFUND}`
    | `${LedgerKind.EXPENDITURE}`;
  /** YYYY-MM-DD: the day it was recorded. */
  date: string;
  /** The year an expenditure was reported for. */
  year?: number;
  amountCents: bigint;
  /** The PUNO that was allocated, received, refunded or spent the money. */
  orgCode: string;
}

export interface IatiTransaction {
  /** IATI TransactionType: 2 outgoing commitment, 3 disbursement, 4 expenditure. */
  typeCode: '2' | '3' | '4';
  date: string;
  value: string;
  orgCode: string;
  description?: string;
}

const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The ledger's movements as IATI transactions, oldest first: an allocation is the outgoing
 * commitment (2) to the PUNO, a transfer a disbursement (3), a refund a negative disbursement
 * (so disbursements net of refunds are what the PUNOs hold to spend), expenditure (4) dated at
 * the end of the year it was reported for (never after `today`).
 */
export function mapTransactions(
  rows: readonly LedgerTransactionRow[],
  today = '9999-12-31',
): IatiTransaction[] {
  return rows
    .map((row): IatiTransaction => {
      const value = formatMoney(row.kind === LedgerKind.REFUND ? -row.amountCents : row.amountCents);
      switch (row.kind) {
        case LedgerKind.ALLOCATION:
          return { typeCode: '2', date: row.date, value, orgCode: row.orgCode };
        case LedgerKind.REFUND:
          return {
            typeCode: '3',
            date: row.date,
            value,
            orgCode: row.orgCode,
            description: 'Refund to the Administrative Agent',
          };
        case LedgerKind.EXPENDITURE: {
          const periodEnd = row.year ? `${row.year}-12-31` : row.date;
          return { typeCode: '4', date: periodEnd < today ? periodEnd : today, value, orgCode: row.orgCode };
        }
        default:
          return { typeCode: '3', date: row.date, value, orgCode: row.orgCode };
      }
    })
    .sort(byDate);
}

/** Equal shares in hundredths that add up to exactly 100 ("33.34", "33.33", "33.33"). */
export function equalPercentages(count: number): string[] {
  if (count === 0) return [];
  const base = Math.floor(10000 / count);
  const remainder = 10000 - base * count;
  return Array.from({ length: count }, (_, index) => {
    const hundredths = base + (index < remainder ? 1 : 0);
    return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  });
}

export interface IatiOrganization {
  code: string;
  name: string;
  convener: boolean;
}

export interface IatiActivity {
  reference: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  scope: string;
  lastUpdated: Date;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  countries: { alpha2: string }[];
  organizations: IatiOrganization[];
  /** The approved budget over the programme's window (reported in periods of a year at most). */
  budget: { periodStart: string; periodEnd: string; amountCents: bigint } | null;
  markers?: Markers;
  transactions: IatiTransaction[];
  results: IatiResult[];
}

export interface IatiOptions {
  /** The fund's IATI organisation identifier; activity ids are `<orgId>-<reference>`. */
  orgPrefix: string;
  reportingOrgName: string;
  /** Organisation identifiers of the PUNOs (XM-DAC channel codes). */
  orgRefs: Readonly<Record<string, string>>;
  contact?: { email: string | null; website: string | null };
  /** The fund-level activity the programmes belong to (hierarchy 1), if published. */
  fundActivityId?: string;
}

/** OECD DAC 5 sector 15190: facilitation of orderly, safe, regular and responsible migration. */
export const MIGRATION_SECTOR = '15190';
const MULTILATERAL = ORG_TYPE.multilateral;

function org(options: IatiOptions, code: string): string | undefined {
  return options.orgRefs[code];
}

/** contact-info (type 1, general enquiries): the fund, its e-mail and website where set. */
export function contactXml(options: IatiOptions): string[] {
  if (!options.contact) return [];
  const { email, website } = options.contact;
  return [
    element('contact-info', { type: '1' }, [
      element('organisation', {}, narrative(options.reportingOrgName)),
      email ? element('email', {}, escapeText(email)) : '',
      website ? element('website', {}, escapeText(website)) : '',
    ]),
  ];
}

/** The fund-wide classifications every activity carries: SDG tags and default types. */
export function defaultsXml(): { tags: string[]; defaults: string[] } {
  return {
    tags: SDG_TAGS.map((tag) =>
      element('tag', { vocabulary: tag.vocabulary, code: tag.code }, narrative(tag.narrative)),
    ),
    defaults: [
      element('collaboration-type', { code: ACTIVITY_DEFAULTS.collaborationType }),
      element('default-flow-type', { code: ACTIVITY_DEFAULTS.flowType }),
      element('default-finance-type', { code: ACTIVITY_DEFAULTS.financeType }),
      element('default-aid-type', { code: ACTIVITY_DEFAULTS.aidType, vocabulary: '1' }),
    ],
  };
}

/** A budget cut into periods of one year at most (IATI's rule), each with its share. */
function budgetsXml(budget: IatiActivity['budget']): string[] {
  if (!budget) return [];
  return budgetPeriods(budget.periodStart, budget.periodEnd, budget.amountCents).map((period) =>
    element('budget', { type: '1', status: '2' }, [
      element('period-start', { 'iso-date': period.periodStart }),
      element('period-end', { 'iso-date': period.periodEnd }),
      element(
        'value',
        { currency: 'USD', 'value-date': period.periodStart },
        formatMoney(period.amountCents),
      ),
    ]),
  );
}

/** One `iati-activity`, children in the XSD's sequence order. */
export function activityXml(activity: IatiActivity, options: IatiOptions): string {
  const fundName = options.reportingOrgName;
  const identifier = `${options.orgPrefix}-${activity.reference}`;
  const dates = [
    element('activity-date', { type: '1', 'iso-date': activity.plannedStart }),
    activity.actualStart ? element('activity-date', { type: '2', 'iso-date': activity.actualStart }) : '',
    element('activity-date', { type: '3', 'iso-date': activity.plannedEnd }),
    activity.actualEnd ? element('activity-date', { type: '4', 'iso-date': activity.actualEnd }) : '',
  ];
  const percentages = equalPercentages(activity.countries.length);
  const recipients = activity.countries.length
    ? activity.countries.map((country, index) =>
        element('recipient-country', {
          code: country.alpha2,
          percentage: activity.countries.length > 1 ? percentages[index] : undefined,
        }),
      )
    : // No country (global scope): DAC region 998, developing countries unspecified.
      [element('recipient-region', { code: '998', vocabulary: '1' })];
  const participants = [
    element(
      'participating-org',
      { ref: options.orgPrefix, type: MULTILATERAL, role: '1' },
      narrative(fundName),
    ),
    ...activity.organizations
      .filter((o) => o.convener)
      .map((o) =>
        element(
          'participating-org',
          { ref: org(options, o.code), type: MULTILATERAL, role: '2' },
          narrative(o.name),
        ),
      ),
    ...activity.organizations.map((o) =>
      element(
        'participating-org',
        { ref: org(options, o.code), type: MULTILATERAL, role: '4' },
        narrative(o.name),
      ),
    ),
  ];
  const names = new Map(activity.organizations.map((o) => [o.code, o.name]));
  const fund = () =>
    element('provider-org', { ref: options.orgPrefix, type: MULTILATERAL }, narrative(fundName));
  const transactions = activity.transactions.map((t) => {
    const punoOrg = (tag: 'provider-org' | 'receiver-org') =>
      element(
        tag,
        { ref: org(options, t.orgCode), type: MULTILATERAL },
        narrative(names.get(t.orgCode) ?? t.orgCode),
      );
    return element('transaction', {}, [
      element('transaction-type', { code: t.typeCode }),
      element('transaction-date', { 'iso-date': t.date }),
      element('value', { currency: 'USD', 'value-date': t.date }, t.value),
      t.description ? element('description', {}, narrative(t.description)) : '',
      t.typeCode === '4' ? punoOrg('provider-org') : fund() + punoOrg('receiver-org'),
    ]);
  });
  const markers = activity.markers
    ? policyMarkers(activity.markers).map((marker) =>
        element(
          'policy-marker',
          { vocabulary: marker.vocabulary, code: marker.code, significance: marker.significance },
          marker.narrative ? narrative(marker.narrative) : '',
        ),
      )
    : [];
  const { tags, defaults } = defaultsXml();
  const website = options.contact?.website;
  const documents = website
    ? [
        element(
          'document-link',
          { url: `${website.replace(/\/$/, '')}/programmes/${activity.reference}`, format: 'text/html' },
          [
            element('title', {}, narrative(`${activity.reference}: programme page`)),
            element('category', { code: ACTIVITY_WEB_PAGE }),
            element('language', { code: 'en' }),
          ],
        ),
      ]
    : [];
  const related = options.fundActivityId
    ? [element('related-activity', { ref: options.fundActivityId, type: '1' })]
    : [];

  return element(
    'iati-activity',
    {
      'last-updated-datetime': activity.lastUpdated.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'xml:lang': 'en',
      'default-currency': 'USD',
      hierarchy: options.fundActivityId ? 2 : 1,
    },
    [
      element('iati-identifier', {}, escapeText(identifier)),
      element('reporting-org', { ref: options.orgPrefix, type: MULTILATERAL }, narrative(fundName)),
      element('title', {}, narrative(activity.title)),
      element('description', { type: '1' }, narrative(activity.summary || activity.title)),
      ...participants,
      element('activity-status', { code: activityStatusCode(activity.status) }),
      ...dates,
      ...contactXml(options),
      element('activity-scope', { code: activityScopeCode(activity.scope) }),
      ...recipients,
      element('sector', { vocabulary: '1', code: MIGRATION_SECTOR, percentage: '100' }),
      ...tags,
      ...markers,
      ...defaults,
      ...budgetsXml(activity.budget),
      ...transactions,
      ...documents,
      ...related,
      ...resultsXml(activity.results),
    ],
  );
}

export function activitiesHeader(generatedAt: Date): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<iati-activities version="2.03" generated-datetime="${generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}">\n`
  );
}

export const ACTIVITIES_FOOTER = `</iati-activities>\n`;
