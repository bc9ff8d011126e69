import fc from 'fast-check';
import {
  BudgetLineInput,
  computeBudget,
  formatBudget,
  indirectCostsOf,
  totalsByOrganization,
} from './budget';
import { parseMoney } from './money';

const line = (orgCode: string, categoryCode: number, amount: string): BudgetLineInput => ({
  orgCode,
  categoryCode,
  amount: parseMoney(amount),
});

describe('budget maths', () => {
  describe('indirect support costs (category 8) of one PUNO, rounded half away from zero to the cent', () => {
    it.each([
      ['100000.00', '0.07', '7000.00', 'exact'],
      ['10.07', '0.07', '0.70', '0.7049 rounds down'],
      ['0.50', '0.07', '0.04', 'exactly half a cent (0.035) rounds up'],
      ['12.50', '0.07', '0.88', '0.875 rounds up'],
      ['7.14', '0.07', '0.50', '0.4998 rounds up to half a dollar'],
      ['0.07', '0.07', '0.00', '0.0049 rounds down to zero'],
      ['4999999.99', '0.07', '350000.00', '349999.9993 rounds up'],
      ['1000.10', '0.065', '65.01', 'another rate: 65.0065'],
      ['200.00', '0.0725', '14.50', 'a four-decimal rate'],
      ['123.45', '0', '0.00', 'a zero rate'],
    ])('%s at %s → %s (%s)', (direct, rate, expected) => {
      expect(indirectCostsOf(parseMoney(direct), rate)).toBe(parseMoney(expected));
    });
  });

  it('computes category 8 per PUNO and totals per PUNO and overall', () => {
    const budget = computeBudget(
      [
        line('IOM', 1, '300000.00'),
        line('IOM', 5, '45000.50'),
        line('UNICEF', 2, '120000.00'),
        line('UNICEF', 6, '80000.25'),
      ],
      '0.07',
      ['IOM', 'UNICEF'],
    );
    expect(formatBudget(budget)).toEqual({
      byOrganization: [
        // 345000.50 × 0.07 = 24150.035 → 24150.04
        { orgCode: 'IOM', direct: '345000.50', indirect: '24150.04', total: '369150.54' },
        // 200000.25 × 0.07 = 14000.0175 → 14000.02
        { orgCode: 'UNICEF', direct: '200000.25', indirect: '14000.02', total: '214000.27' },
      ],
      direct: '545000.75',
      indirect: '38150.06',
      total: '583150.81',
    });
  });

  it('sums rounded per-PUNO amounts rather than rounding the overall total', () => {
    // Each PUNO: 0.50 × 0.07 = 0.035 → 0.04; together 0.08, whereas 1.00 × 0.07 would be 0.07.
    const budget = computeBudget([line('IOM', 1, '0.50'), line('UNICEF', 1, '0.50')], '0.07');
    expect(budget.indirect).toBe(8n);
    expect(budget.total).toBe(108n);
  });

  it('applies the rate to the PUNO sum, not to each line', () => {
    // Lines of 0.50 each would round to 0.04 + 0.04; the PUNO's 1.00 gives 0.07.
    const budget = computeBudget([line('IOM', 1, '0.50'), line('IOM', 2, '0.50')], '0.07');
    expect(budget.byOrganization).toEqual([{ orgCode: 'IOM', direct: 100n, indirect: 7n, total: 107n }]);
  });

  it('ignores hand-entered category 8 lines (the eligibility rule reports them)', () => {
    const budget = computeBudget([line('IOM', 1, '1000.00'), line('IOM', 8, '500.00')], '0.07');
    expect(formatBudget(budget)).toMatchObject({ direct: '1000.00', indirect: '70.00', total: '1070.00' });
  });

  it('lists PUNOs in the given order with zeros, then other organizations with lines', () => {
    const budget = computeBudget([line('WHO', 1, '10.00'), line('UNDP', 4, '20.00')], '0.07', [
      'UNDP',
      'ILO',
    ]);
    expect(budget.byOrganization.map((o) => [o.orgCode, o.direct])).toEqual([
      ['UNDP', 2000n],
      ['ILO', 0n],
      ['WHO', 1000n],
    ]);
    expect(totalsByOrganization(budget).get('UNDP')).toBe(2140n);
  });

  it('gives zeros for an empty budget and refuses negative amounts', () => {
    expect(formatBudget(computeBudget([], '0.07'))).toEqual({
      byOrganization: [],
      direct: '0.00',
      indirect: '0.00',
      total: '0.00',
    });
    expect(() => computeBudget([{ orgCode: 'IOM', categoryCode: 1, amount: -1n }], '0.07')).toThrow(
      RangeError,
    );
  });

  it('keeps totals consistent and each indirect amount within half a cent of the exact value', () => {
    const orgs = ['IOM', 'UNDP', 'UNICEF', 'ILO'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            orgCode: fc.constantFrom(...orgs),
            categoryCode: fc.integer({ min: 1, max: 7 }),
            amount: fc.bigInt({ min: 0n, max: 100_000_000_00n }),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 9999 }),
        (lines, basisPoints) => {
          const rate = `0.${String(basisPoints).padStart(4, '0')}`;
          const budget = computeBudget(lines, rate);
          for (const org of budget.byOrganization) {
            const exactTimes10000 = org.direct * BigInt(basisPoints);
            const distance = org.indirect * 10000n - exactTimes10000;
            expect(distance <= 5000n && distance >= -5000n).toBe(true);
            expect(org.total).toBe(org.direct + org.indirect);
          }
          expect(budget.direct).toBe(lines.reduce((sum, l) => sum + l.amount, 0n));
          expect(budget.indirect).toBe(budget.byOrganization.reduce((sum, o) => sum + o.indirect, 0n));
          expect(budget.total).toBe(budget.direct + budget.indirect);
        },
      ),
    );
  });
});
