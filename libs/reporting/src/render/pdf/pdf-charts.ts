import { displayValue, numericValue } from '../../document/format';
import { BarChartBlock, DonutChartBlock } from '../../document/report-document';
import { A4, BOTTOM, COLOR, CONTENT_WIDTH, FONT, MARGIN, PALETTE } from './pdf-style';
import { PdfFlow } from './pdf-flow';

/** Charts drawn as vectors: horizontal bars, and a donut with its legend. */

const BAR_HEIGHT = 13;
const BAR_GAP = 7;

/** A bar chart's height with its title. */
export function barChartHeight(block: BarChartBlock): number {
  return 30 + block.bars.length * (BAR_HEIGHT + BAR_GAP) + 12;
}

/** A donut chart's height with its title and legend. */
export function donutChartHeight(block: DonutChartBlock): number {
  return 30 + Math.max(2 * 62 + 10, block.slices.length * 15 + 10) + 14;
}

export function drawBarChart(flow: PdfFlow, block: BarChartBlock): void {
  const { doc } = flow;
  const barHeight = BAR_HEIGHT;
  const gap = BAR_GAP;
  const labelWidth = CONTENT_WIDTH * 0.36;
  const valueWidth = 90;
  const barArea = CONTENT_WIDTH - labelWidth - valueWidth - 12;
  const max = Math.max(0, ...block.bars.map((bar) => numericValue(bar.value)));
  // The whole chart on one page when it fits one; a long one starts with at least four bars.
  const whole = barChartHeight(block);
  flow.ensureSpace(whole <= BOTTOM - MARGIN.top ? whole : 30 + 4 * (barHeight + gap));
  flow.title(block.title);
  if (!block.bars.length || max <= 0) {
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted).text('No data to chart.', MARGIN.left, doc.y);
    doc.y += 16;
    return;
  }
  doc.y += 2;
  for (const bar of block.bars) {
    if (doc.y + barHeight + gap > BOTTOM) doc.addPage();
    const y = doc.y;
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(COLOR.text)
      .text(bar.label, MARGIN.left, y + 2, {
        width: labelWidth - 6,
        height: barHeight,
        lineBreak: false,
        ellipsis: true,
      });
    const value = Math.max(0, numericValue(bar.value));
    const barX = MARGIN.left + labelWidth;
    doc.rect(barX, y, barArea, barHeight).fill(COLOR.zebra);
    const width = (value / max) * barArea;
    if (width > 0) doc.rect(barX, y, Math.max(width, 1), barHeight).fill(PALETTE[0]);
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(COLOR.text)
      .text(displayValue(bar.value, block.valueType), barX + barArea + 6, y + 2, {
        width: valueWidth + 6,
        align: 'right',
        lineBreak: false,
      });
    doc.y = y + barHeight + gap;
  }
  doc.x = MARGIN.left;
  doc.y += 12;
}

export function drawDonutChart(flow: PdfFlow, block: DonutChartBlock): void {
  const { doc } = flow;
  const outer = 62;
  const inner = 36;
  const legendRow = 15;
  const height = Math.max(2 * outer + 10, block.slices.length * legendRow + 10);
  flow.ensureSpace(30 + height);
  flow.title(block.title);
  const top = doc.y + 4;
  const cx = MARGIN.left + outer + 10;
  const cy = top + outer;
  const values = block.slices.map((slice) => Math.max(0, numericValue(slice.value)));
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total <= 0) {
    doc.circle(cx, cy, outer).circle(cx, cy, inner).fillColor(COLOR.zebra).fill('even-odd');
    doc
      .font(FONT.regular)
      .fontSize(8.5)
      .fillColor(COLOR.muted)
      .text('No data', cx - inner, cy - 5, {
        width: 2 * inner,
        align: 'center',
      });
  } else {
    let angle = 0;
    values.forEach((value, index) => {
      if (value <= 0) return;
      const share = value / total;
      const color = PALETTE[index % PALETTE.length];
      if (share >= 0.9999) {
        doc.circle(cx, cy, outer).circle(cx, cy, inner).fillColor(color).fill('even-odd');
      } else {
        const end = angle + share * 2 * Math.PI;
        doc.path(donutSlicePath(cx, cy, outer, inner, angle, end)).fill(color);
        angle = end;
      }
    });
    // Thin white separators read better in print than touching slices.
    angle = 0;
    if (values.filter((value) => value > 0).length > 1) {
      for (const value of values) {
        if (value <= 0) continue;
        const [x1, y1] = polar(cx, cy, inner, angle);
        const [x2, y2] = polar(cx, cy, outer, angle);
        doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(1).strokeColor('#ffffff').stroke();
        angle += (value / total) * 2 * Math.PI;
      }
    }
  }
  // Legend: colour, label, value, share.
  const legendX = MARGIN.left + 2 * outer + 40;
  const legendWidth = A4.width - MARGIN.right - legendX;
  let y = top + Math.max(0, outer - (block.slices.length * legendRow) / 2);
  block.slices.forEach((slice, index) => {
    doc.rect(legendX, y + 1, 8, 8).fill(PALETTE[index % PALETTE.length]);
    const share = total > 0 ? `${((values[index] / total) * 100).toFixed(1)} %` : '–';
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(COLOR.text)
      .text(slice.label, legendX + 14, y, {
        width: legendWidth * 0.52,
        height: legendRow,
        lineBreak: false,
        ellipsis: true,
      });
    doc.text(displayValue(slice.value, block.valueType), legendX + 14 + legendWidth * 0.52, y, {
      width: legendWidth * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc.fillColor(COLOR.muted).text(share, legendX + 14 + legendWidth * 0.82, y, {
      width: legendWidth * 0.18 - 14,
      align: 'right',
      lineBreak: false,
    });
    y += legendRow;
  });
  doc.x = MARGIN.left;
  doc.y = top + height + 14;
  doc.fillColor(COLOR.text);
}

/** A point at `angle` (radians, clockwise from 12 o'clock) on a circle; PDF y grows downwards. */
function polar(cx: number, cy: number, radius: number, angle: number): [number, number] {
  return [cx + radius * Math.sin(angle), cy - radius * Math.cos(angle)];
}

/** SVG path of a ring segment from angle a0 to a1. */
export function donutSlicePath(
  cx: number,
  cy: number,
  outer: number,
  inner: number,
  a0: number,
  a1: number,
): string {
  const large = a1 - a0 > Math.PI ? 1 : 0;
  const [ox0, oy0] = polar(cx, cy, outer, a0);
  const [ox1, oy1] = polar(cx, cy, outer, a1);
  const [ix1, iy1] = polar(cx, cy, inner, a1);
  const [ix0, iy0] = polar(cx, cy, inner, a0);
  const f = (n: number) => n.toFixed(2);
  return [
    `M ${f(ox0)} ${f(oy0)}`,
    `A ${outer} ${outer} 0 ${large} 1 ${f(ox1)} ${f(oy1)}`,
    `L ${f(ix1)} ${f(iy1)}`,
    `A ${inner} ${inner} 0 ${large} 0 ${f(ix0)} ${f(iy0)}`,
    'Z',
  ].join(' ');
}
