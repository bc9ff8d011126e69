import { ReportDocument } from '../document/report-document';

/** A document exercising every block kind (used by the renderer specs). */
export function sampleDocument(rows = 80): ReportDocument {
  const countries = [
    "Côte d'Ivoire",
    'Türkiye',
    'Curaçao',
    'Réunion',
    'São Tomé and Príncipe',
    'Åland Islands',
  ];
  return {
    title: 'Sample factsheet',
    subtitle: 'MIG-2026-0001 · Safe pathways in Côte d’Ivoire and Türkiye',
    subject: 'Renderer sample',
    keywords: ['sample'],
    metadata: [
      { label: 'Programme', value: 'Safe pathways' },
      { label: 'Data as of', value: '2026-05-02 03:00 UTC' },
    ],
    sections: [
      {
        heading: 'Summary',
        blocks: [
          { kind: 'paragraph', text: 'A joint programme of IOM, UNDP and UNICEF in Curaçao and Türkiye.' },
          {
            kind: 'keyFigures',
            items: [
              { label: 'Total budget (US$)', value: '1234567.89', type: 'money' },
              { label: 'Delivery rate', value: '0.4213', type: 'percent' },
              { label: 'Countries', value: 6, type: 'number' },
            ],
          },
          { kind: 'facts', items: [{ label: 'Reference', value: 'MIG-2026-0001' }] },
        ],
      },
      {
        heading: 'Lines',
        blocks: [
          {
            kind: 'table',
            title: 'Budget lines (US$)',
            columns: [
              { key: 'country', label: 'Country', type: 'text', weight: 3 },
              { key: 'n', label: 'No.', type: 'number' },
              { key: 'amount', label: 'Amount', type: 'money' },
              { key: 'share', label: 'Share', type: 'percent' },
            ],
            rows: Array.from({ length: rows }, (_, i) => ({
              country: `${countries[i % countries.length]} ${i + 1}`,
              n: i + 1,
              amount: `${1000 * (i + 1)}.50`,
              share: '0.0125',
            })),
            totals: { country: 'Total', n: null, amount: '99999.99', share: '1.0000' },
          },
          {
            kind: 'barChart',
            title: 'By country (US$)',
            valueType: 'money',
            bars: countries.map((label, i) => ({ label, value: `${(i + 1) * 1000}.00` })),
          },
          {
            kind: 'donutChart',
            title: 'Share by organization',
            valueType: 'money',
            slices: [
              { label: 'IOM', value: '500.00' },
              { label: 'UNDP', value: '300.00' },
              { label: 'UNICEF', value: '200.00' },
            ],
          },
        ],
      },
    ],
  };
}
