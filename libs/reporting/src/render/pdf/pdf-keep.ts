import { ReportBlock } from '../../document/report-document';
import { barChartHeight, donutChartHeight } from './pdf-charts';
import { PdfFlow } from './pdf-flow';
import { planTable } from './pdf-table';
import { factsHeight } from './pdf-text';
import { BOTTOM, CONTENT_WIDTH, FONT, MARGIN } from './pdf-style';

/**
 * Keeping blocks together: a chart stays on the page of its table (the table just before it, or
 * else just after it), so neither is left alone on a page when both fit one.
 */

/** The usable height of a page. */
export const PAGE_BODY = BOTTOM - MARGIN.top;

const isChart = (block: ReportBlock | undefined) =>
  block?.kind === 'barChart' || block?.kind === 'donutChart';

/** What a block needs to start (a long table: its title, header and first rows) or whole. */
function heightOf(flow: PdfFlow, block: ReportBlock): number {
  switch (block.kind) {
    case 'table': {
      const plan = planTable(flow, block);
      return plan.wholeHeight <= PAGE_BODY ? plan.wholeHeight : plan.startHeight;
    }
    case 'barChart':
      return barChartHeight(block);
    case 'donutChart':
      return donutChartHeight(block);
    default:
      return 0;
  }
}

/**
 * The height the blocks from `index` on must have on one page: a table with the charts right
 * after it, or a chart with the table after it when no table or chart comes before the chart.
 * When the whole group is taller than a page, the table with its first chart. Zero: nothing to keep.
 */
export function keepTogetherHeight(flow: PdfFlow, blocks: readonly ReportBlock[], index: number): number {
  const block = blocks[index];
  const previous = blocks[index - 1];
  if (block.kind === 'table') {
    let end = index + 1;
    while (isChart(blocks[end])) end++;
    if (end === index + 1) return 0;
    const heights = blocks.slice(index, end).map((item) => heightOf(flow, item));
    const whole = heights.reduce((sum, height) => sum + height, 0);
    if (whole <= PAGE_BODY) return whole;
    return heights[0] + heights[1] <= PAGE_BODY ? heights[0] + heights[1] : 0;
  }
  if (
    isChart(block) &&
    blocks[index + 1]?.kind === 'table' &&
    previous?.kind !== 'table' &&
    !isChart(previous)
  ) {
    const height = heightOf(flow, block) + heightOf(flow, blocks[index + 1]);
    return height <= PAGE_BODY ? height : 0;
  }
  return 0;
}

/** A paragraph's height as drawn (10 pt, 2 pt between lines, 10 pt after). */
function paragraphHeight(flow: PdfFlow, text: string): number {
  flow.doc.font(FONT.regular).fontSize(10);
  return flow.doc.heightOfString(text, { width: CONTENT_WIDTH, lineGap: 2 }) + 10;
}

/**
 * What must follow a section's heading on its page: the paragraphs that open the section and
 * the group of blocks kept together after them (0 when the section opens otherwise).
 */
export function sectionLeadHeight(flow: PdfFlow, blocks: readonly ReportBlock[]): number {
  let height = 0;
  let index = 0;
  for (; index < blocks.length && blocks[index].kind === 'paragraph'; index++) {
    const block = blocks[index];
    if (block.kind === 'paragraph') height += paragraphHeight(flow, block.text);
  }
  if (index >= blocks.length) return 0;
  // A list of facts (the definitions) stays whole when it fits a page.
  const first = blocks[index];
  if (first.kind === 'facts') return height + factsHeight(flow, first);
  const group = keepTogetherHeight(flow, blocks, index);
  return group > 0 ? height + group : 0;
}
