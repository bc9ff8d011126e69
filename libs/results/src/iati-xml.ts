import { LedgerKind } from '@mptf/finance';
import { ProposalStatus } from '@mptf/proposals';
import { formatMoney } from '@mptf/platform';
import { ActualStatus, IndicatorMeasure, ResultType } from './results.types';

/**
 * IATI 2.03 activity XML, written by hand (no XML library): every text and attribute goes
 * through `escapeText` / `escapeAttribute`, and elements are emitted in the order the XSD's
 * sequences require (iati-activities-schema.xsd, iati-activity).
 */

// Characters XML 1.0 does not allow at all (C0 controls except tab/newline/return, U+FFFE/FFFF,
// unpaired surrogates): dropped rather than escaped, since no escape makes them legal.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep line breaks and tabs as character references. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

type Attributes = Record<string, string | number | boolean | null | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/** `<name attrs>children</name>`, or self-closing without children. */
export function element(name: string, attrs: Attributes = {}, children: string | string[] = ''): string {
  const body = Array.isArray(children) ? children.join('') : children;
  return body ? `<${name}${attributes(attrs)}>${body}</${name}>` : `<${name}${attributes(attrs)}/>`;
}

export function narrative(text: string): string {
  return `<narrative>${escapeText(text)}</narrative>`;
}

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

/** IATI IndicatorMeasure 1–5, in the order of the enum. */
export const MEASURE_CODE: Record<IndicatorMeasure, string> = {
  [IndicatorMeasure.UNIT]: '1',
  [IndicatorMeasure.PERCENTAGE]: '2',
  [IndicatorMeasure.NOMINAL]: '3',
  [IndicatorMeasure.ORDINAL]: '4',
  [IndicatorMeasure.QUALITATIVE]: '5',
};

/** IATI ResultType: 1 output, 2 outcome. */
export const RESULT_TYPE_CODE: Record<ResultType, string> = {
  [ResultType.OUTPUT]: '1',
  [ResultType.OUTCOME]: '2',
};

/** A money movement of the finance ledger, as the export needs it. */
export interface LedgerTransactionRow {
  kind: `${LedgerKind.TRANSFER}` | `${LedgerKind.EXPENDITURE}`;
  /** YYYY-MM-DD */
  date: string;
  amountCents: bigint;
  /** The PUNO that received the transfer or spent the money. */
  orgCode: string;
}

export interface IatiTransaction {
  /** IATI TransactionType: 3 disbursement (transfer to a PUNO), 4 expenditure. */
  typeCode: '3' | '4';
  date: string;
  value: string;
  orgCode: string;
}

/** Transfers become disbursements (3), expenditure becomes expenditure (4); oldest first. */
export function mapTransactions(rows: readonly LedgerTransactionRow[]): IatiTransaction[] {
  return [...rows]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((row) => ({
      typeCode: row.kind === LedgerKind.TRANSFER ? '3' : '4',
      date: row.date,
      value: formatMoney(row.amountCents),
      orgCode: row.orgCode,
    }));
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

export interface IatiPeriod {
  periodStart: string;
  periodEnd: string;
  target: string | null;
  /** The approved actual, if any (only approved actuals are published). */
  actual: {
    status: ActualStatus;
    value: string | null;
    narrative: string;
    disaggregation: { dimension: string; category: string; value: string }[];
  } | null;
}

export interface IatiIndicator {
  title: string;
  measure: IndicatorMeasure;
  ascending: boolean;
  fundIndicatorCode: string | null;
  gcmObjectiveCodes: number[];
  baseline: { year: number; value: string | null };
  periods: IatiPeriod[];
}

export interface IatiResult {
  type: ResultType;
  title: string;
  indicators: IatiIndicator[];
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
  budget: { periodStart: string; periodEnd: string; amountCents: bigint } | null;
  transactions: IatiTransaction[];
  results: IatiResult[];
}

export interface IatiOptions {
  /** Organisation identifier of the fund (IATI_ORG_PREFIX); activity ids are `<prefix>-<reference>`. */
  orgPrefix: string;
  reportingOrgName: string;
  /** Organisation identifiers of PUNOs where known (IATI OrganisationRegistrationAgency XM-DAC). */
  orgRefs: Readonly<Record<string, string>>;
}

/** IATI identifiers of UN entities that publish to IATI under the OECD DAC channel codes. */
export const UN_IATI_ORG_REFS: Readonly<Record<string, string>> = {
  UNDP: 'XM-DAC-41114',
  UNHCR: 'XM-DAC-41121',
  UNICEF: 'XM-DAC-41122',
  UNFPA: 'XM-DAC-41119',
  WFP: 'XM-DAC-41140',
  ILO: 'XM-DAC-41302',
  IOM: 'XM-DAC-47066',
};

/** OECD DAC 5 sector 15190: facilitation of orderly, safe, regular and responsible migration. */
const MIGRATION_SECTOR = '15190';
/** IATI OrganisationType 40: multilateral. */
const MULTILATERAL = '40';

function org(options: IatiOptions, code: string): string | undefined {
  return options.orgRefs[code];
}

function periodXml(indicator: IatiIndicator, period: IatiPeriod): string {
  const qualitative = indicator.measure === IndicatorMeasure.QUALITATIVE;
  const children = [
    element('period-start', { 'iso-date': period.periodStart }),
    element('period-end', { 'iso-date': period.periodEnd }),
  ];
  if (period.target !== null || qualitative) {
    children.push(element('target', { value: qualitative ? undefined : period.target }));
  }
  const actual = period.actual;
  if (actual && actual.status === ActualStatus.APPROVED) {
    children.push(
      element('actual', { value: qualitative ? undefined : actual.value }, [
        actual.narrative ? element('comment', {}, narrative(actual.narrative)) : '',
      ]),
    );
    // One actual per disaggregated part, each tagged with its dimension (IATI's way).
    for (const part of actual.disaggregation) {
      children.push(
        element('actual', { value: part.value }, [
          element('dimension', { name: part.dimension, value: part.category }),
        ]),
      );
    }
  }
  return element('period', {}, children);
}

function indicatorXml(indicator: IatiIndicator): string {
  const references = [
    ...(indicator.fundIndicatorCode ? [indicator.fundIndicatorCode] : []),
    ...indicator.gcmObjectiveCodes.map((code) => `GCM-${code}`),
  ];
  return element(
    'indicator',
    { measure: MEASURE_CODE[indicator.measure], ascending: indicator.ascending ? '1' : '0' },
    [
      element('title', {}, narrative(indicator.title)),
      // Vocabulary 99: the reporting organisation's own codes (fund indicators, GCM objectives).
      ...references.map((code) => element('reference', { vocabulary: '99', code })),
      element('baseline', {
        year: indicator.baseline.year,
        value: indicator.measure === IndicatorMeasure.QUALITATIVE ? undefined : indicator.baseline.value,
      }),
      ...indicator.periods.map((period) => periodXml(indicator, period)),
    ],
  );
}

/** One `iati-activity`, children in the XSD's sequence order. */
export function activityXml(activity: IatiActivity, options: IatiOptions): string {
  const fundName = options.reportingOrgName;
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
      t.typeCode === '3'
        ? element('provider-org', { ref: options.orgPrefix, type: MULTILATERAL }, narrative(fundName)) +
          punoOrg('receiver-org')
        : punoOrg('provider-org'),
    ]);
  });
  const budget = activity.budget
    ? [
        element('budget', { type: '1', status: '2' }, [
          element('period-start', { 'iso-date': activity.budget.periodStart }),
          element('period-end', { 'iso-date': activity.budget.periodEnd }),
          element(
            'value',
            { currency: 'USD', 'value-date': activity.budget.periodStart },
            formatMoney(activity.budget.amountCents),
          ),
        ]),
      ]
    : [];
  const results = activity.results
    .filter((result) => result.indicators.length > 0)
    .map((result) =>
      element('result', { type: RESULT_TYPE_CODE[result.type] }, [
        element('title', {}, narrative(result.title)),
        ...result.indicators.map(indicatorXml),
      ]),
    );

  return element(
    'iati-activity',
    {
      'last-updated-datetime': activity.lastUpdated.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'xml:lang': 'en',
      'default-currency': 'USD',
      hierarchy: 1,
    },
    [
      element('iati-identifier', {}, escapeText(`${options.orgPrefix}-${activity.reference}`)),
      element('reporting-org', { ref: options.orgPrefix, type: MULTILATERAL }, narrative(fundName)),
      element('title', {}, narrative(activity.title)),
      element('description', { type: '1' }, narrative(activity.summary || activity.title)),
      ...participants,
      element('activity-status', { code: activityStatusCode(activity.status) }),
      ...dates,
      element('activity-scope', { code: activityScopeCode(activity.scope) }),
      ...recipients,
      element('sector', { vocabulary: '1', code: MIGRATION_SECTOR, percentage: '100' }),
      ...budget,
      ...transactions,
      ...results,
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
