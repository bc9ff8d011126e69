import { ReportBlock } from '../../document/report-document';
import { barChartHeight, donutChartHeight } from './pdf-charts';
import { PdfFlow } from './pdf-flow';
import { planTable } from './pdf-table';
import { BOTTOM, MARGIN } from './pdf-style';

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
 * The height the blocks from `index` on must have on one page: a table with the chart after it,
 * or a chart with the table after it when no table comes before the chart. Zero: nothing to keep.
 */
export function keepTogetherHeight(flow: PdfFlow, blocks: readonly ReportBlock[], index: number): number {
  const block = blocks[index];
  const next = blocks[index + 1];
  const pairs =
    (block.kind === 'table' && isChart(next)) ||
    (isChart(block) && next?.kind === 'table' && blocks[index - 1]?.kind !== 'table');
  if (!pairs) return 0;
  const height = heightOf(flow, block) + heightOf(flow, next);
  return height <= PAGE_BODY ? height : 0;
}
