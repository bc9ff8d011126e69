import type { LegendPayload } from 'recharts';

/**
 * Legend props that keep a chart's legend in the order of its series, the order the bars are
 * drawn in: recharts 3 sorts legend items alphabetically by default ("Allocated, Expenditure,
 * Transferred" above bars drawn allocated, transferred, expenditure).
 */
export function legendInSeriesOrder(series: readonly { name: string }[]) {
  const order = series.map((item) => item.name);
  return { itemSorter: (item: LegendPayload) => order.indexOf(String(item.dataKey)) };
}
