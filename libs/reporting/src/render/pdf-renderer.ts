import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { RenderContext, ReportBlock, ReportDocument } from '../document/report-document';
import { drawBarChart, drawDonutChart } from './pdf/pdf-charts';
import { PdfFlow } from './pdf/pdf-flow';
import { decoratePage, drawCover, numberPages } from './pdf/pdf-pages';
import { drawTable } from './pdf/pdf-table';
import { drawFacts, drawKeyFigures, drawParagraph } from './pdf/pdf-text';
import { RenderOutput, ReportRenderer } from './report-renderer';

type BlockDrawers = {
  [Kind in ReportBlock['kind']]: (
    flow: PdfFlow,
    block: Extract<ReportBlock, { kind: Kind }>,
  ) => void | Promise<void>;
};

/** How each kind of block is drawn: a new kind of block adds its drawer here. */
const BLOCK_DRAWERS: BlockDrawers = {
  paragraph: drawParagraph,
  facts: drawFacts,
  keyFigures: drawKeyFigures,
  table: drawTable,
  barChart: drawBarChart,
  donutChart: drawDonutChart,
};

function drawBlock(flow: PdfFlow, block: ReportBlock): void | Promise<void> {
  const draw = BLOCK_DRAWERS[block.kind] as (flow: PdfFlow, block: ReportBlock) => void | Promise<void>;
  return draw(flow, block);
}

/**
 * The PDF renderer (pdfkit): A4, cover page, running header, footer with the generation time,
 * run id and "page n of N", headings kept with what follows, tables that break across pages with
 * their header repeated, bar and donut charts drawn as vectors, DejaVu Sans embedded so every
 * country and organization name renders. One layout pass: the pages are kept until the end, when
 * "of N" is known, then written out (a few kB per page). The parts live in pdf/: the page
 * furniture (pdf-pages), text blocks (pdf-text), tables (pdf-table) and charts (pdf-charts), all
 * drawing through one PdfFlow.
 */
@Injectable()
export class PdfRenderer extends ReportRenderer {
  readonly extension = 'pdf';

  render(document: ReportDocument, context: RenderContext): RenderOutput {
    const stream = new PassThrough();
    const done = (async () => {
      const flow = new PdfFlow(document, context, decoratePage);
      flow.doc.pipe(stream);
      flow.doc.on('error', (error: Error) => stream.destroy(error));
      const pages = await layOut(flow);
      return { pages };
    })();
    done.catch((error: Error) => stream.destroy(error));
    return { stream, done };
  }
}

/** Lays out the whole document; returns the page count. */
async function layOut(flow: PdfFlow): Promise<number> {
  const { doc, document, context } = flow;
  drawCover(flow);
  const blocksTotal = Math.max(
    1,
    document.sections.reduce((sum, section) => sum + section.blocks.length, 0),
  );
  let blocksDone = 0;
  for (const [index, section] of document.sections.entries()) {
    if (index === 0 || section.pageBreakBefore) doc.addPage();
    else flow.ensureSpace(140);
    flow.heading(section.heading);
    for (const block of section.blocks) {
      await drawBlock(flow, block);
      blocksDone += 1;
      await flow.checkpoint();
      await context.progress(Math.round((blocksDone / blocksTotal) * 95));
    }
  }
  numberPages(flow);
  doc.end();
  await context.progress(100);
  return flow.pageNumber;
}
