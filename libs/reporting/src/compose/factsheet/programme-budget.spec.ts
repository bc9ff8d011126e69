import { formatMoney } from '@mptf/platform';
import { programmeBudget } from './programme-budget';

const categories = [
  { code: 1, title: 'Staff', direct: true },
  { code: 2, title: 'Supplies', direct: true },
  { code: 8, title: 'Indirect support costs', direct: false },
];

describe('programme budget', () => {
  it('computes indirect costs per PUNO at the fund rate, rounded per PUNO', () => {
    const budget = programmeBudget(
      {
        punos: [
          { code: 'IOM', name: 'IOM' },
          { code: 'UNDP', name: 'UNDP' },
        ],
        budgetLines: [
          { orgCode: 'IOM', categoryCode: 1, amount: 12345678n },
          { orgCode: 'UNDP', categoryCode: 2, amount: 4321099n },
          { orgCode: 'UNDP', categoryCode: 1, amount: 1n },
        ],
      },
      categories,
      '0.07',
    );
    expect(
      budget.byOrganization.map((o) => [
        o.orgCode,
        formatMoney(o.direct),
        formatMoney(o.indirect),
        formatMoney(o.total),
      ]),
    ).toEqual([
      ['IOM', '123456.78', '8641.97', '132098.75'],
      ['UNDP', '43211.00', '3024.77', '46235.77'],
    ]);
    expect(formatMoney(budget.total)).toBe('178334.52');
    const indirect = budget.byCategory.find((c) => c.code === 8)!;
    expect(indirect.total).toBe(budget.indirect);
    expect(budget.byCategory.reduce((sum, c) => sum + c.total, 0n)).toBe(budget.total);
  });

  it('keeps a PUNO without lines at zero', () => {
    const budget = programmeBudget(
      { punos: [{ code: 'WHO', name: 'WHO' }], budgetLines: [] },
      categories,
      '0.07',
    );
    expect(budget.total).toBe(0n);
    expect(budget.byCategory.map((c) => c.byOrganization.get('WHO'))).toEqual([0n, 0n, 0n]);
  });
});
