import { formatMoney } from '@mptf/platform';
import { DONOR_IATI_REFS, ORG_TYPE } from './iati-codes';
import { element, escapeText, narrative } from './iati-xml-base';
import { contactXml, defaultsXml, IatiOptions, MIGRATION_SECTOR } from './iati-xml';

/** A donor's contribution as the fund's activity reports it. */
export interface FundContribution {
  kind: 'COMMITMENT' | 'DEPOSIT';
  date: string;
  amountCents: bigint;
  donorCode: string;
  donorName: string;
}

/** A programme's allocation to a PUNO: the fund's outgoing commitment to the programme. */
export interface FundCommitment {
  date: string;
  amountCents: bigint;
  programmeReference: string;
  orgCode: string;
  orgName: string;
}

export interface FundActivity {
  id: string;
  title: string;
  description: string;
  inceptionDate: string;
  lastUpdated: Date;
  contributions: FundContribution[];
  commitments: FundCommitment[];
  programmeReferences: string[];
}

/**
 * The fund's own activity (hierarchy 1): incoming commitments (11) and incoming funds (1) from
 * the donors, outgoing commitments (2) to the programmes' PUNOs (each naming the programme's
 * activity), and the programmes as its children.
 */
export function fundActivityXml(fund: FundActivity, options: IatiOptions): string {
  const fundName = options.reportingOrgName;
  const self = () =>
    element('receiver-org', { ref: options.orgPrefix, type: ORG_TYPE.multilateral }, narrative(fundName));
  const donors = [...new Map(fund.contributions.map((c) => [c.donorCode, c.donorName])).entries()];
  const money = (date: string, cents: bigint) => [
    element('transaction-date', { 'iso-date': date }),
    element('value', { currency: 'USD', 'value-date': date }, formatMoney(cents)),
  ];
  const incoming = fund.contributions.map((c) =>
    element('transaction', {}, [
      element('transaction-type', { code: c.kind === 'COMMITMENT' ? '11' : '1' }),
      ...money(c.date, c.amountCents),
      element(
        'provider-org',
        { ref: DONOR_IATI_REFS[c.donorCode], type: ORG_TYPE.government },
        narrative(c.donorName),
      ),
      self(),
    ]),
  );
  const outgoing = fund.commitments.map((c) =>
    element('transaction', {}, [
      element('transaction-type', { code: '2' }),
      ...money(c.date, c.amountCents),
      element('provider-org', { ref: options.orgPrefix, type: ORG_TYPE.multilateral }, narrative(fundName)),
      element(
        'receiver-org',
        {
          ref: options.orgRefs[c.orgCode],
          'receiver-activity-id': `${options.orgPrefix}-${c.programmeReference}`,
          type: ORG_TYPE.multilateral,
        },
        narrative(c.orgName),
      ),
    ]),
  );
  const { tags, defaults } = defaultsXml();
  return element(
    'iati-activity',
    {
      'last-updated-datetime': fund.lastUpdated.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'xml:lang': 'en',
      'default-currency': 'USD',
      hierarchy: 1,
    },
    [
      element('iati-identifier', {}, escapeText(fund.id)),
      element('reporting-org', { ref: options.orgPrefix, type: ORG_TYPE.multilateral }, narrative(fundName)),
      element('title', {}, narrative(fund.title)),
      element('description', { type: '1' }, narrative(fund.description)),
      ...donors.map(([code, name]) =>
        element(
          'participating-org',
          { ref: DONOR_IATI_REFS[code], type: ORG_TYPE.government, role: '1' },
          narrative(name),
        ),
      ),
      element(
        'participating-org',
        { ref: options.orgPrefix, type: ORG_TYPE.multilateral, role: '3' },
        narrative(fundName),
      ),
      element('activity-status', { code: '2' }),
      element('activity-date', { type: '2', 'iso-date': fund.inceptionDate }),
      ...contactXml(options),
      element('activity-scope', { code: '1' }),
      element('recipient-region', { code: '998', vocabulary: '1' }),
      element('sector', { vocabulary: '1', code: MIGRATION_SECTOR, percentage: '100' }),
      ...tags,
      ...defaults,
      ...incoming,
      ...outgoing,
      ...fund.programmeReferences.map((reference) =>
        element('related-activity', { ref: `${options.orgPrefix}-${reference}`, type: '2' }),
      ),
    ],
  );
}
