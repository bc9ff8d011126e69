import type PDFKitDocument from 'pdfkit';
import { setTimeout as sleep } from 'node:timers/promises';
import { RenderContext, ReportDocument } from '../../document/report-document';
import { reportFonts, shareWordLayouts } from '../fonts';
import { LateText } from './pdf-late-text';
import { BOTTOM, COLOR, CONTENT_WIDTH, FONT, MARGIN, A4 } from './pdf-style';

/**
 * The document being laid out and where the next block goes: the pdfkit document, the page
 * count, the space left on the page, and the section heading a block may need to stay with.
 * Every part of the layout (pages, text, tables, charts) draws through one PdfFlow.
 */
export class PdfFlow {
  readonly doc: PDFKit.PDFDocument;
  /** Pages added so far, in the order they were drawn (the cover is the first). */
  pageNumber = 0;
  private pagesSeen = 0;
  /**
   * Pages kept after the cover for what is drawn last (the contents): drawn at the end, then
   * moved to their place. The pages drawn before them are numbered as if they were there.
   */
  private frontPages = 0;
  private frontDrawn: number | null = null;
  /** The 0-based index, in the finished document, of the page being drawn. */
  pageIndex = -1;
  /** "Page n of N" and anything else only the end knows, drawn onto pages already written. */
  readonly late: LateText;
  /** Where the last section heading ended (a table right under it stays with it). */
  headingBottom = -1;
  /** The tables' and charts' titles as drawn, with their page (0-based): contents and bookmarks. */
  readonly titles: { title: string; pageIndex: number }[] = [];

  constructor(
    readonly document: ReportDocument,
    readonly context: RenderContext,
    onPageAdded: (flow: PdfFlow) => void,
  ) {
    this.doc = new (pdfkit())({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      // Each page is written out when the next one starts (what the end knows goes in late text).
      bufferPages: false,
      compress: true,
      info: {
        Title: document.title,
        Author: context.author,
        Subject: document.subject,
        Keywords: (document.keywords ?? []).join(', '),
        Creator: 'Migration MPTF portfolio system',
        Producer: 'pdfkit',
        CreationDate: context.generatedAt,
        ModDate: context.generatedAt,
      },
      lang: 'en',
      displayTitle: true,
    });
    // pdfkit takes a parsed fontkit font too; its typings list only files and buffers.
    const fonts = reportFonts() as unknown as Record<'regular' | 'bold', PDFKit.Mixins.PDFFontSource>;
    this.doc.registerFont(FONT.regular, fonts.regular);
    this.doc.registerFont(FONT.bold, fonts.bold);
    shareWordLayouts(this.doc, [FONT.regular, FONT.bold]);
    this.late = new LateText(this.doc);
    this.doc.on('pageAdded', () => {
      this.pageNumber += 1;
      this.pageIndex =
        this.frontDrawn !== null
          ? 1 + this.frontDrawn++
          : this.pageNumber === 1
            ? 0
            : this.pageNumber - 1 + this.frontPages;
      onPageAdded(this);
    });
  }

  remaining(): number {
    return BOTTOM - this.doc.y;
  }

  /** A new page when less than `height` is left on this one. */
  ensureSpace(height: number): void {
    if (this.remaining() < height) this.doc.addPage();
  }

  /** Yields to the event loop between blocks and applies the page delay knob. */
  async checkpoint(): Promise<void> {
    const newPages = this.pageNumber - this.pagesSeen;
    this.pagesSeen = this.pageNumber;
    if (this.context.pageDelayMs > 0 && newPages > 0) {
      await sleep(this.context.pageDelayMs * newPages);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** A section heading with its rule. */
  heading(text: string): void {
    const { doc } = this;
    doc.font(FONT.bold).fontSize(15).fillColor(COLOR.brand);
    doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    const y = doc.y + 3;
    doc
      .moveTo(MARGIN.left, y)
      .lineTo(A4.width - MARGIN.right, y)
      .lineWidth(1)
      .strokeColor(COLOR.brand)
      .stroke();
    doc.y = y + 10;
    this.headingBottom = doc.y;
    doc.fillColor(COLOR.text);
  }

  /** Keeps `count` pages after the cover (call right after the cover): see drawFrontPages. */
  keepFrontPages(count: number): void {
    this.frontPages = count;
  }

  /**
   * Draws the kept pages at the end, each with `draw(page)` (0-based), and puts them after the
   * cover. They are held until all are drawn (they link to pages by index, so the document's page
   * order must be final first); every other page is already written.
   */
  drawFrontPages(draw: (page: number) => void): void {
    const doc = this.doc as PDFKit.PDFDocument & {
      options: { bufferPages?: boolean };
      _root: { data: { Pages: { data: { Kids: unknown[] } } } };
    };
    if (this.frontPages === 0) return;
    this.frontDrawn = 0;
    doc.options.bufferPages = true;
    const first = doc.bufferedPageRange();
    for (let page = 0; page < this.frontPages; page++) doc.addPage();
    const kids = doc._root.data.Pages.data.Kids;
    kids.splice(1, 0, ...kids.splice(kids.length - this.frontPages, this.frontPages));
    for (let page = 0; page < this.frontPages; page++) {
      // The buffer holds the last page drawn before them (not yet written), then them.
      doc.switchToPage(first.start + first.count + page);
      draw(page);
    }
    this.frontDrawn = null;
  }

  /** A table's or chart's title where it starts (recorded for the contents and bookmarks). */
  title(text: string): void {
    this.titles.push({ title: text, pageIndex: this.pageIndex });
    this.subheading(text);
  }

  /** A table's or chart's title (or its "(continued)" on a later page). */
  subheading(text: string): void {
    const { doc } = this;
    doc
      .font(FONT.bold)
      .fontSize(10.5)
      .fillColor(COLOR.text)
      .text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    doc.y += 4;
  }

  /** A horizontal rule across the content width at `y`. */
  rule(y: number, width: number, color: string): void {
    this.doc
      .moveTo(MARGIN.left, y)
      .lineTo(A4.width - MARGIN.right, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }
}

/**
 * pdfkit (with fontkit, about 0.2 s of CPU to load) is loaded at the first PDF, in the worker: the
 * API only enqueues reports, and loading it there delayed its start-up.
 */
function pdfkit(): typeof PDFKitDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pdfkit') as typeof PDFKitDocument;
}
