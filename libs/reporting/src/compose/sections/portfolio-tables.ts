import { PortfolioGroup } from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { CellValue, TableBlock, TableColumn } from '../../document/report-document';
import { sumMoney } from '../compose-helpers';

/** The first column of a breakdown (what it is by) and the money columns of `/portfolio`. */
export function moneyColumns(first: { key: string; label: string; weight?: number }): TableColumn[] {
  return [
    { key: first.key, label: first.label, type: 'text' as const, weight: first.weight ?? 3 },
    { key: 'programmes', label: 'Programmes', type: 'number' as const, weight: 0.8 },
    { key: 'allocated', label: 'Allocated', type: 'money' as const },
    { key: 'transferred', label: 'Transferred', type: 'money' as const },
    { key: 'expenditure', label: 'Expenditure', type: 'money' as const },
    { key: 'deliveryRate', label: 'Delivery rate', type: 'percent' as const, weight: 0.8 },
  ];
}

/** Sum of money strings in cents. */
export function sumCents(values: string[]): bigint {
  return values.reduce((sum, value) => sum + parseMoney(value), 0n);
}

export function moneyTotals(
  groups: PortfolioGroup[],
  key: string,
  deliveryRate: string | null,
): Record<string, CellValue> {
  return {
    [key]: 'Total',
    programmes: groups.reduce((sum, group) => sum + group.programmes, 0),
    allocated: sumMoney(groups.map((g) => g.allocated)),
    transferred: sumMoney(groups.map((g) => g.transferred)),
    expenditure: sumMoney(groups.map((g) => g.expenditure)),
    deliveryRate,
  };
}

/** A `/portfolio` breakdown as a table, figures exactly as the API shows them. */
export function moneyTable(
  title: string,
  groups: PortfolioGroup[],
  first: { key: string; label: string; weight?: number },
  label: (group: PortfolioGroup) => string,
  deliveryRate: string | null,
): TableBlock {
  return {
    kind: 'table',
    title,
    columns: moneyColumns(first),
    rows: groups.map((group) => ({
      [first.key]: label(group),
      programmes: group.programmes,
      allocated: group.allocated,
      transferred: group.transferred,
      expenditure: group.expenditure,
      deliveryRate: group.deliveryRate,
    })),
    totals: moneyTotals(groups, first.key, deliveryRate),
  };
}
