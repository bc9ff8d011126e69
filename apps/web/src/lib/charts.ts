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

/** About the width of a character of an axis's 12 px labels, and the tilt of labels too long. */
const LABEL_CHAR_PX = 7;
const TILT_DEGREES = 25;
/** What Mantine's charts leave left of the first bar for the value axis. */
const VALUE_AXIS_PX = 60;

/**
 * A category axis whose labels stand under their bars, or are tilted when there are more than five
 * or they are too long to stand side by side in `width` px: then it is as tall as its longest label
 * needs, and the chart keeps a left margin for the first label where it would reach past the edge.
 * The tilt goes in `tick`: Mantine's own `tick` moves each label with a `transform` that replaces
 * recharts' rotation, so an `angle` on the axis alone draws nothing.
 */
export function categoryAxis(labels: string[], width = Infinity) {
  const longest = Math.max(0, ...labels.map((label) => label.length)) * LABEL_CHAR_PX;
  const tilt = labels.length > 5 || longest * labels.length > width;
  if (!tilt) return { xAxisProps: { interval: 0, height: 30 }, leftMargin: 0 };
  const angle = (TILT_DEGREES * Math.PI) / 180;
  const height = Math.ceil(longest * Math.sin(angle)) + 24;
  const firstLabel = Math.ceil(labels[0].length * LABEL_CHAR_PX * Math.cos(angle));
  const halfSlot = (width - VALUE_AXIS_PX) / labels.length / 2;
  return {
    xAxisProps: {
      interval: 0,
      height,
      tick: { fontSize: 12, fill: 'currentColor', angle: -TILT_DEGREES, textAnchor: 'end' as const, dy: 8 },
    },
    leftMargin: Number.isFinite(halfSlot) ? Math.max(0, firstLabel - VALUE_AXIS_PX - halfSlot) : 0,
  };
}
