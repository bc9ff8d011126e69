import { diffSnapshots } from './revision-diff';

const base = {
  title: 'Safe labour mobility between Nepal and Malaysia',
  markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
  countryCodes: ['MYS', 'NPL'],
  governmentEndorsement: null as null | { endorsed: boolean; date: string | null },
  budgetLines: [
    { orgCode: 'IOM', categoryCode: 1, amount: '100000.00' },
    { orgCode: 'ILO', categoryCode: 4, amount: '50000.00' },
  ],
  budget: {
    byOrganization: [
      { orgCode: 'IOM', direct: '100000.00', indirect: '7000.00', total: '107000.00' },
      { orgCode: 'ILO', direct: '50000.00', indirect: '3500.00', total: '53500.00' },
    ],
    total: '160500.00',
  },
  documents: [] as { id: string; filename: string }[],
};

describe('revision diff', () => {
  it('is empty for identical snapshots', () => {
    expect(diffSnapshots(base, structuredClone(base))).toEqual([]);
  });

  it('lists changed scalar and nested fields by path', () => {
    const next = { ...base, title: 'Fair labour mobility', markers: { ...base.markers, gender: 3 } };
    expect(diffSnapshots(base, next)).toEqual([
      { field: 'title', from: base.title, to: 'Fair labour mobility' },
      { field: 'markers.gender', from: 2, to: 3 },
    ]);
  });

  it('compares lists of codes as a whole', () => {
    expect(diffSnapshots(base, { ...base, countryCodes: ['NPL'] })).toEqual([
      { field: 'countryCodes', from: ['MYS', 'NPL'], to: ['NPL'] },
    ]);
  });

  it('matches budget lines by PUNO and category, not by position', () => {
    const next = {
      ...base,
      budgetLines: [
        { orgCode: 'ILO', categoryCode: 4, amount: '50000.00' },
        { orgCode: 'IOM', categoryCode: 1, amount: '90000.00' },
        { orgCode: 'IOM', categoryCode: 5, amount: '10000.00' },
      ],
    };
    expect(diffSnapshots(base, next)).toEqual([
      { field: 'budgetLines[IOM/1].amount', from: '100000.00', to: '90000.00' },
      { field: 'budgetLines[IOM/5].orgCode', from: null, to: 'IOM' },
      { field: 'budgetLines[IOM/5].categoryCode', from: null, to: 5 },
      { field: 'budgetLines[IOM/5].amount', from: null, to: '10000.00' },
    ]);
  });

  it('reports removed records and budget totals per organization', () => {
    const next = {
      ...base,
      budgetLines: [base.budgetLines[0]],
      budget: { byOrganization: [base.budget.byOrganization[0]], total: '107000.00' },
    };
    const fields = diffSnapshots(base, next).map((c) => [c.field, c.to]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['budgetLines[ILO/4].amount', null],
        ['budget.byOrganization[ILO].total', null],
        ['budget.total', '107000.00'],
      ]),
    );
  });

  it('lists the fields of an object that replaces null', () => {
    const next = { ...base, governmentEndorsement: { endorsed: true, date: '2026-02-01' } };
    expect(diffSnapshots(base, next)).toEqual([
      { field: 'governmentEndorsement.endorsed', from: null, to: true },
      { field: 'governmentEndorsement.date', from: null, to: '2026-02-01' },
    ]);
  });

  it('keys documents by id', () => {
    const next = { ...base, documents: [{ id: 'd1', filename: 'concept-note.pdf' }] };
    expect(diffSnapshots(base, next)).toEqual([
      { field: 'documents[d1].id', from: null, to: 'd1' },
      { field: 'documents[d1].filename', from: null, to: 'concept-note.pdf' },
    ]);
  });
});
