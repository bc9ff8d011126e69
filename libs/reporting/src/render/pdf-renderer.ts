import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { definitionsOf, DEFINITIONS_HEADING } from '../document/glossary';
import { RenderContext, ReportBlock, ReportDocument, ReportSection } from '../document/report-document';
import { drawBarChart, drawDonutChart } from './pdf/pdf-charts';
import { addOutline, ContentsEntry, contentsDetail, drawContents, isTitled } from './pdf/pdf-contents';
import { PdfFlow } from './pdf/pdf-flow';
import { keepTogetherHeight, PAGE_BODY, sectionLeadHeight } from './pdf/pdf-keep';
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
 * country and organization name renders. One layout pass, each page written out as the next one
 * starts (memory stays flat however long the report): the contents are drawn last on pages kept
 * after the cover, and "of N" goes into a place each page keeps for it (pdf-late-text). The parts live in pdf/: the page
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

/**
 * The definitions of the terms the document uses, on their own page after the contents (where
 * the MPTF Office's reports put them: read before the figures, and never cut at a page's end),
 * then the document's sections, the first on a new page.
 */
function sectionsWithDefinitions(document: ReportDocument): ReportSection[] {
  const definitions = definitionsOf(document);
  const sections = document.sections.filter((section) => !section.notInPdf);
  if (!definitions.length) return sections;
  const [first, ...rest] = sections;
  return [
    {
      heading: DEFINITIONS_HEADING,
      blocks: [
        { kind: 'facts', items: definitions.map((item) => ({ label: item.term, value: item.definition })) },
      ],
    },
    ...(first ? [{ ...first, pageBreakBefore: true }, ...rest] : []),
  ];
}

/** More than half the page is free: keeping blocks together must not leave it near-empty. */
const mostlyEmpty = (flow: PdfFlow) => flow.remaining() > PAGE_BODY * 0.5;

/** Room for a section heading (with its rule and spacing). */
const HEADING_HEIGHT = 32;

/**
 * Lays out the whole document; returns the page count. The cover, the contents' pages (filled in
 * at the end), the definitions, the sections (a chart kept on the page of its table), then the
 * contents, the bookmarks and "Page n of N".
 */
async function layOut(flow: PdfFlow): Promise<number> {
  const { doc, document, context } = flow;
  drawCover(flow);
  const sections = sectionsWithDefinitions(document);
  const detail = contentsDetail(sections);
  const showContents = !document.compact && sections.length > 1;
  if (showContents) flow.keepFrontPages(detail.pages);
  const entries: ContentsEntry[] = [];
  const blocksTotal = Math.max(
    1,
    sections.reduce((sum, section) => sum + section.blocks.length, 0),
  );
  let blocksDone = 0;
  for (const [index, section] of sections.entries()) {
    // The heading keeps its opening paragraphs and first table-and-charts group when they fit a page.
    const lead = HEADING_HEIGHT + sectionLeadHeight(flow, section.blocks);
    if (index === 0 || section.pageBreakBefore) doc.addPage();
    else flow.ensureSpace(lead <= PAGE_BODY && !mostlyEmpty(flow) ? Math.max(140, lead) : 140);
    const entry: ContentsEntry = {
      title: section.heading,
      level: 0,
      pageIndex: flow.pageIndex,
      children: [],
    };
    if (!section.hideFromContents) entries.push(entry);
    flow.heading(section.heading);
    for (const [blockIndex, block] of section.blocks.entries()) {
      if (blockIndex > 0) {
        const keep = keepTogetherHeight(flow, section.blocks, blockIndex);
        if (keep > flow.remaining() && !mostlyEmpty(flow)) doc.addPage();
      }
      const titlesBefore = flow.titles.length;
      await drawBlock(flow, block);
      const drawn = flow.titles[titlesBefore];
      if (isTitled(block.kind) && drawn) entry.children.push({ ...drawn, level: 1, children: [] });
      blocksDone += 1;
      await flow.checkpoint();
      await context.progress(Math.round((blocksDone / blocksTotal) * 95));
    }
  }
  if (showContents) drawContents(flow, entries, detail.withBlocks);
  addOutline(flow, entries);
  numberPages(flow, flow.pageNumber);
  doc.end();
  await context.progress(100);
  return flow.pageNumber;
}
