import PDFDocument from 'pdfkit';
import { setTimeout as sleep } from 'node:timers/promises';
import { RenderContext, ReportDocument } from '../../document/report-document';
import { reportFonts, shareWordLayouts } from '../fonts';
import { BOTTOM, COLOR, CONTENT_WIDTH, FONT, MARGIN, A4 } from './pdf-style';

/**
 * The document being laid out and where the next block goes: the pdfkit document, the page
 * count, the space left on the page, and the section heading a block may need to stay with.
 * Every part of the layout (pages, text, tables, charts) draws through one PdfFlow.
 */
export class PdfFlow {
  readonly doc: PDFKit.PDFDocument;
  /** Pages added so far (the cover is page 1). */
  pageNumber = 0;
  private pagesSeen = 0;
  /** Where the last section heading ended (a table right under it stays with it). */
  headingBottom = -1;
  /** The tables' and charts' titles as drawn, with their page (0-based): contents and bookmarks. */
  readonly titles: { title: string; pageIndex: number }[] = [];

  constructor(
    readonly document: ReportDocument,
    readonly context: RenderContext,
    onPageAdded: (flow: PdfFlow) => void,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      // Pages stay in memory (a few kB each) until the end, when "of N" is known and written.
      bufferPages: true,
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
    this.doc.on('pageAdded', () => {
      this.pageNumber += 1;
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

  /** The 0-based index of the page being drawn. */
  get pageIndex(): number {
    return this.pageNumber - 1;
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
