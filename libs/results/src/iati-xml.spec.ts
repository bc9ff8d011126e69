import { ProposalStatus } from '@mptf/proposals';
import {
  activityStatusCode,
  activityXml,
  equalPercentages,
  escapeAttribute,
  escapeText,
  IatiActivity,
  mapTransactions,
} from './iati-xml';
import { budgetPeriods } from './iati-codes';
import { ActualStatus, IndicatorMeasure, ResultType } from './results.types';

describe('IATI XML escaping', () => {
  it('escapes markup in text and quotes and line breaks in attributes', () => {
    expect(escapeText('Tom & Jerry <b>"x"</b>')).toBe('Tom &amp; Jerry &lt;b&gt;"x"&lt;/b&gt;');
    expect(escapeAttribute(`a"b'c\nd&`)).toBe('a&quot;b&apos;c&#10;d&amp;');
  });

  it('drops characters XML 1.0 cannot carry, keeps the rest of Unicode', () => {
    expect(escapeText('a\u0000b\u0007c\u000Bd\uFFFEe')).toBe('abcde');
    expect(escapeText('Müller – 移民 😀')).toBe('Müller – 移民 😀');
    expect(escapeText('lone \uD800 surrogate')).toBe('lone  surrogate');
  });
});

describe('IATI mapping', () => {
  it('maps transfers to disbursements (3) and expenditure to 4, oldest first, money as decimals', () => {
    expect(
      mapTransactions([
        { kind: 'EXPENDITURE', date: '2026-12-31', amountCents: 12345n, orgCode: 'IOM' },
        { kind: 'TRANSFER', date: '2026-02-01', amountCents: 100000000n, orgCode: 'IOM' },
      ]),
    ).toEqual([
      { typeCode: '3', date: '2026-02-01', value: '1000000.00', orgCode: 'IOM' },
      { typeCode: '4', date: '2026-12-31', value: '123.45', orgCode: 'IOM' },
    ]);
  });

  it('reports allocations as commitments, refunds as negative disbursements and expenditure at the end of its year', () => {
    expect(
      mapTransactions(
        [
          { kind: 'ALLOCATION', date: '2025-11-02', amountCents: 50000000n, orgCode: 'UNFPA' },
          { kind: 'TRANSFER', date: '2025-12-01', amountCents: 30000000n, orgCode: 'UNFPA' },
          { kind: 'REFUND', date: '2026-02-10', amountCents: 30000000n, orgCode: 'UNFPA' },
          { kind: 'EXPENDITURE', date: '2026-03-20', year: 2025, amountCents: 0n, orgCode: 'UNFPA' },
          { kind: 'EXPENDITURE', date: '2026-04-20', year: 2026, amountCents: 100n, orgCode: 'UNFPA' },
        ],
        '2026-05-01',
      ).map((t) => [t.typeCode, t.date, t.value, t.description ?? '']),
    ).toEqual([
      ['2', '2025-11-02', '500000.00', ''],
      ['3', '2025-12-01', '300000.00', ''],
      ['4', '2025-12-31', '0.00', ''],
      ['3', '2026-02-10', '-300000.00', 'Refund to the Administrative Agent'],
      ['4', '2026-05-01', '1.00', ''],
    ]);
  });

  it('cuts a budget into periods of a year at most whose amounts add up to the total', () => {
    const periods = budgetPeriods('2024-02-29', '2026-08-31', 100000001n);
    expect(periods.map((p) => [p.periodStart, p.periodEnd])).toEqual([
      ['2024-02-29', '2025-02-27'],
      ['2025-02-28', '2026-02-27'],
      ['2026-02-28', '2026-08-31'],
    ]);
    expect(periods.reduce((sum, p) => sum + p.amountCents, 0n)).toBe(100000001n);
  });

  it('maps programme statuses to IATI activity statuses', () => {
    expect(activityStatusCode(ProposalStatus.APPROVED)).toBe('1');
    expect(activityStatusCode(ProposalStatus.ACTIVE)).toBe('2');
    expect(activityStatusCode(ProposalStatus.OPERATIONALLY_CLOSED)).toBe('3');
    expect(activityStatusCode(ProposalStatus.FINANCIALLY_CLOSED)).toBe('4');
  });

  it('splits country percentages so they add up to exactly 100', () => {
    expect(equalPercentages(3)).toEqual(['33.34', '33.33', '33.33']);
    expect(equalPercentages(7).reduce((sum, p) => sum + Math.round(Number(p) * 100), 0)).toBe(10000);
    expect(equalPercentages(0)).toEqual([]);
  });

  it('writes an activity with its elements in schema order and approved actuals with dimensions', () => {
    const activity: IatiActivity = {
      reference: 'MIG-2026-0001',
      title: 'Safe & regular <pathways>',
      summary: '',
      status: ProposalStatus.ACTIVE,
      scope: 'NATIONAL',
      lastUpdated: new Date('2026-03-01T10:00:00.123Z'),
      plannedStart: '2026-01-01',
      plannedEnd: '2027-12-31',
      actualStart: '2026-01-15',
      actualEnd: null,
      countries: [{ alpha2: 'MX' }],
      organizations: [{ code: 'IOM', name: 'International Organization for Migration', convener: true }],
      budget: { periodStart: '2026-01-01', periodEnd: '2027-12-31', amountCents: 150000000n },
      transactions: mapTransactions([
        { kind: 'TRANSFER', date: '2026-01-15', amountCents: 50000000n, orgCode: 'IOM' },
      ]),
      results: [
        {
          type: ResultType.OUTPUT,
          title: 'Services',
          indicators: [
            {
              title: 'People assisted',
              measure: IndicatorMeasure.UNIT,
              ascending: true,
              fundIndicatorCode: 'FI-2.1',
              gcmObjectiveCodes: [7],
              baseline: { year: 2025, value: '0' },
              periods: [
                {
                  periodStart: '2026-01-01',
                  periodEnd: '2026-12-31',
                  target: '100',
                  actual: {
                    status: ActualStatus.APPROVED,
                    value: '90',
                    narrative: 'Fewer arrivals',
                    disaggregation: [{ dimension: 'sex', category: 'female', value: '50' }],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const xml = activityXml(activity, {
      orgPrefix: 'XM-TEST',
      reportingOrgName: 'Fund',
      orgRefs: { IOM: 'XM-DAC-47066' },
    });
    const order = [
      '<iati-identifier>XM-TEST-MIG-2026-0001<',
      '<reporting-org ref="XM-TEST"',
      '<title><narrative>Safe &amp; regular &lt;pathways&gt;',
      '<description type="1">',
      '<participating-org ref="XM-TEST" type="40" role="1">',
      'role="2"',
      'role="4"',
      '<activity-status code="2"/>',
      '<activity-date type="1" iso-date="2026-01-01"/>',
      '<activity-date type="2" iso-date="2026-01-15"/>',
      '<activity-scope code="4"/>',
      '<recipient-country code="MX"/>',
      '<sector',
      '<budget',
      '<transaction><transaction-type code="3"/>',
      '<result type="1">',
      '<indicator measure="1" ascending="1">',
      '<reference vocabulary="99" code="FI-2.1"/>',
      '<baseline year="2025" value="0"/>',
      '<target value="100"/>',
      '<actual value="90"><comment><narrative>Fewer arrivals</narrative></comment></actual>',
      '<actual value="50"><dimension name="sex" value="female"/></actual>',
    ];
    let position = -1;
    for (const fragment of order) {
      const next = xml.indexOf(fragment, position + 1);
      expect({ fragment, found: next > position }).toEqual({ fragment, found: true });
      position = next;
    }
    expect(xml).toContain('last-updated-datetime="2026-03-01T10:00:00Z"');
    // The two-year budget in two yearly periods (IATI: a budget period is one year at most).
    expect(xml).toContain(
      '<period-end iso-date="2026-12-31"/><value currency="USD" value-date="2026-01-01">750000.00</value>',
    );
    expect(xml).toContain(
      '<period-end iso-date="2027-12-31"/><value currency="USD" value-date="2027-01-01">750000.00</value>',
    );
    expect(xml).toContain('<default-flow-type code="10"/><default-finance-type code="110"/>');
    expect(xml).toContain('<tag vocabulary="3" code="10.7">');
  });
});
