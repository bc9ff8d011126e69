import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { displayValue, numericValue } from '../document/format';
import {
  BarChartBlock,
  DonutChartBlock,
  FactsBlock,
  KeyFiguresBlock,
  RenderContext,
  ReportDocument,
  TableBlock,
} from '../document/report-document';
import { reportFonts, shareWordLayouts } from './fonts';
import { RenderOutput, ReportRenderer } from './report-renderer';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 64, bottom: 64, left: 50, right: 50 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
/** Where the footer text starts: generation time and run id, and "Page n of N". */
const FOOTER_Y = A4.height - 40;

const COLOR = {
  brand: '#0b4f8a',
  brandLight: '#e8f0f8',
  text: '#1d1d1f',
  muted: '#5f6b76',
  rule: '#c9d3dc',
  zebra: '#f5f7f9',
};
/** Distinguishable in print and for common colour-vision deficiencies. */
const PALETTE = [
  '#1f5fa6',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#9c755f',
  '#ff9da7',
  '#bab0ac',
];

const FONT = { regular: 'Body', bold: 'Bold' };

/**
 * The PDF renderer (pdfkit): A4, cover page, running header, footer with the generation time,
 * run id and "page n of N", headings kept with what follows, tables that break across pages with
 * their header repeated, bar and donut charts drawn as vectors, DejaVu Sans embedded so every
 * country and organization name renders. One layout pass: the pages are kept until the end, when
 * "of N" is known, then written out (a few kB per page). Table cells are wrapped here from
 * measured word widths and their lines placed directly (pdfkit's wrapper per cell was most of
 * the time of a long table).
 */
@Injectable()
export class PdfRenderer extends ReportRenderer {
  readonly extension = 'pdf';

  render(document: ReportDocument, context: RenderContext): RenderOutput {
    const stream = new PassThrough();
    const done = (async () => {
      const layout = new PdfLayout(document, context);
      layout.doc.pipe(stream);
      layout.doc.on('error', (error: Error) => stream.destroy(error));
      const pages = await layout.run();
      return { pages };
    })();
    done.catch((error: Error) => stream.destroy(error));
    return { stream, done };
  }
}

/**
 * The width of a formatted number as the sum of its characters' widths: figures and separators
 * are not kerned against each other in DejaVu Sans, and laying out every distinct amount string
 * of a long table (thousands) would cost more than the rest of the table.
 */
function numberWidth(text: string, charWidth: (char: string) => number): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Widths of strings at font size 1, per font, measured once each (widths scale with the size). */
interface UnitWidths {
  regular: (text: string) => number;
  bold: (text: string) => number;
}

function unitWidths(doc: PDFKit.PDFDocument): UnitWidths {
  const of = (font: string) => {
    const known = new Map<string, number>();
    return (text: string) => {
      let width = known.get(text);
      if (width === undefined) {
        width = doc.font(font).fontSize(1).widthOfString(text);
        known.set(text, width);
      }
      return width;
    };
  };
  return { regular: of(FONT.regular), bold: of(FONT.bold) };
}

/** A table row's height and its cells' lines (null: left to pdfkit's wrapping). */
interface MeasuredRow {
  height: number;
  lines: (string[] | null)[];
}

/**
 * Greedy word wrap of one cell with measured word widths (a table repeats its words, so each is
 * laid out once, where pdfkit's wrapper lays out every cell again). Null when a word is wider
 * than the column or the text has line breaks: pdfkit then splits it as it would.
 */
function wrapWords(text: string, width: number, widthOf: (text: string) => number): string[] | null {
  if (text.includes('\n')) return null;
  const words = text.split(' ').filter((word) => word.length > 0);
  if (words.length === 0) return [''];
  const space = widthOf(' ');
  const lines: string[] = [];
  let line: string[] = [];
  let lineWidth = 0;
  for (const word of words) {
    const wordWidth = widthOf(word);
    if (wordWidth > width) return null;
    if (line.length > 0 && lineWidth + space + wordWidth > width) {
      lines.push(line.join(' '));
      line = [];
      lineWidth = 0;
    }
    lineWidth += (line.length > 0 ? space : 0) + wordWidth;
    line.push(word);
  }
  lines.push(line.join(' '));
  return lines;
}

class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private pageNumber = 0;
  private pagesSeen = 0;
  /** Where the last section heading ended (a table right under it stays with it). */
  private headingBottom = -1;

  constructor(
    private readonly document: ReportDocument,
    private readonly context: RenderContext,
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
    this.doc.on('pageAdded', () => this.decoratePage());
  }

  /** Lays out the whole document; returns the page count. */
  async run(): Promise<number> {
    const { doc, document } = this;
    this.drawCover();
    const blocksTotal = Math.max(
      1,
      document.sections.reduce((sum, section) => sum + section.blocks.length, 0),
    );
    let blocksDone = 0;
    for (const [index, section] of document.sections.entries()) {
      if (index === 0 || section.pageBreakBefore) doc.addPage();
      else this.ensureSpace(140);
      this.heading(section.heading);
      for (const block of section.blocks) {
        switch (block.kind) {
          case 'paragraph':
            this.paragraph(block.text);
            break;
          case 'facts':
            this.facts(block);
            break;
          case 'keyFigures':
            this.keyFigures(block);
            break;
          case 'table':
            await this.table(block);
            break;
          case 'barChart':
            this.barChart(block);
            break;
          case 'donutChart':
            this.donutChart(block);
            break;
        }
        blocksDone += 1;
        await this.checkpoint();
        await this.context.progress(Math.round((blocksDone / blocksTotal) * 95));
      }
    }
    this.numberPages();
    doc.end();
    await this.context.progress(100);
    return this.pageNumber;
  }

  /** Yields to the event loop between blocks and applies the page delay knob. */
  private async checkpoint(): Promise<void> {
    const newPages = this.pageNumber - this.pagesSeen;
    this.pagesSeen = this.pageNumber;
    if (this.context.pageDelayMs > 0 && newPages > 0) {
      await sleep(this.context.pageDelayMs * newPages);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  // ---- page furniture -------------------------------------------------------------------

  private decoratePage(): void {
    this.pageNumber += 1;
    const { doc } = this;
    const margins = { ...doc.page.margins };
    // Drawing inside the margins must not trigger pdfkit's automatic page break.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (this.pageNumber > 1) {
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .fillColor(COLOR.muted)
        .text(`UN Migration Multi-Partner Trust Fund · ${this.document.title}`, MARGIN.left, 30, {
          width: CONTENT_WIDTH,
          lineBreak: false,
          ellipsis: true,
        });
      doc
        .moveTo(MARGIN.left, 44)
        .lineTo(A4.width - MARGIN.right, 44)
        .lineWidth(0.5)
        .strokeColor(COLOR.rule)
        .stroke();
    }
    doc
      .moveTo(MARGIN.left, FOOTER_Y - 8)
      .lineTo(A4.width - MARGIN.right, FOOTER_Y - 8)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    const generated = this.context.generatedAt.toISOString().slice(0, 16).replace('T', ' ');
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .fillColor(COLOR.muted)
      .text(`Generated ${generated} UTC · Run ${this.context.runId}`, MARGIN.left, FOOTER_Y, {
        width: CONTENT_WIDTH * 0.75,
        lineBreak: false,
      });
    doc.page.margins = margins;
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
    doc.fillColor(COLOR.text);
  }

  /** "Page n of N" on every page, once N is known (the pages are still buffered). */
  private numberPages(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      const margins = { ...doc.page.margins };
      doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .fillColor(COLOR.muted)
        .text(`Page ${index + 1} of ${range.count}`, MARGIN.left, FOOTER_Y, {
          width: CONTENT_WIDTH,
          align: 'right',
          lineBreak: false,
        });
      doc.page.margins = margins;
    }
  }

  private drawCover(): void {
    const { doc, document } = this;
    doc.addPage();
    doc.rect(0, 0, A4.width, 230).fill(COLOR.brand);
    doc
      .font(FONT.bold)
      .fontSize(11)
      .fillColor('#ffffff')
      .text('UN MIGRATION MULTI-PARTNER TRUST FUND', MARGIN.left, 70, {
        width: CONTENT_WIDTH,
        characterSpacing: 1,
      });
    doc
      .font(FONT.regular)
      .fontSize(9.5)
      .fillColor('#d6e4f2')
      .text('Supporting the implementation of the Global Compact for Safe, Orderly and Regular Migration', {
        width: CONTENT_WIDTH,
      });
    doc
      .font(FONT.bold)
      .fontSize(26)
      .fillColor(COLOR.text)
      .text(document.title, MARGIN.left, 290, { width: CONTENT_WIDTH });
    if (document.subtitle) {
      doc.moveDown(0.4).font(FONT.regular).fontSize(14).fillColor(COLOR.muted).text(document.subtitle, {
        width: CONTENT_WIDTH,
      });
    }
    doc.moveDown(1.5);
    const labelWidth = 150;
    for (const item of document.metadata) {
      const y = doc.y;
      doc.font(FONT.regular).fontSize(10).fillColor(COLOR.muted).text(item.label, MARGIN.left, y, {
        width: labelWidth,
      });
      const labelBottom = doc.y;
      doc
        .font(FONT.regular)
        .fillColor(COLOR.text)
        .text(item.value, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
      doc.y = Math.max(doc.y, labelBottom) + 4;
    }
    doc
      .font(FONT.regular)
      .fontSize(8.5)
      .fillColor(COLOR.muted)
      .text(
        'Amounts in US dollars unless stated otherwise. Figures are computed from one consistent snapshot of the fund’s records at the time of generation.',
        MARGIN.left,
        BOTTOM - 40,
        { width: CONTENT_WIDTH },
      );
    doc.fillColor(COLOR.text);
  }

  // ---- blocks ----------------------------------------------------------------------------

  private remaining(): number {
    return BOTTOM - this.doc.y;
  }

  private ensureSpace(height: number): void {
    if (this.remaining() < height) this.doc.addPage();
  }

  private heading(text: string): void {
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

  private subheading(text: string): void {
    const { doc } = this;
    doc
      .font(FONT.bold)
      .fontSize(10.5)
      .fillColor(COLOR.text)
      .text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    doc.y += 4;
  }

  private paragraph(text: string): void {
    const { doc } = this;
    doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
    this.ensureSpace(Math.min(doc.heightOfString(text, { width: CONTENT_WIDTH, lineGap: 2 }), 60));
    doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
    doc.y += 10;
  }

  private facts(block: FactsBlock): void {
    const { doc } = this;
    const labelWidth = 160;
    doc.fontSize(9.5);
    for (const item of block.items) {
      doc.font(FONT.regular);
      const height = Math.max(
        doc.heightOfString(item.label, { width: labelWidth - 8 }),
        doc.heightOfString(item.value, { width: CONTENT_WIDTH - labelWidth }),
      );
      this.ensureSpace(height + 6);
      const y = doc.y;
      doc.fillColor(COLOR.muted).text(item.label, MARGIN.left, y, { width: labelWidth - 8 });
      doc
        .fillColor(COLOR.text)
        .text(item.value, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
      doc.y = y + height + 3;
      doc
        .moveTo(MARGIN.left, doc.y - 1)
        .lineTo(A4.width - MARGIN.right, doc.y - 1)
        .lineWidth(0.3)
        .strokeColor(COLOR.rule)
        .stroke();
      doc.y += 3;
    }
    doc.y += 10;
  }

  private keyFigures(block: KeyFiguresBlock): void {
    const { doc } = this;
    const perRow = Math.min(4, Math.max(1, block.items.length));
    const gap = 10;
    const width = (CONTENT_WIDTH - gap * (perRow - 1)) / perRow;
    const height = 58;
    for (let start = 0; start < block.items.length; start += perRow) {
      this.ensureSpace(height + 10);
      const y = doc.y;
      block.items.slice(start, start + perRow).forEach((item, index) => {
        const x = MARGIN.left + index * (width + gap);
        doc.rect(x, y, width, height).fill(COLOR.brandLight);
        doc.rect(x, y, 3, height).fill(COLOR.brand);
        const value = displayValue(item.value, item.type);
        let size = 15;
        doc.font(FONT.bold);
        while (size > 8 && doc.fontSize(size).widthOfString(value) > width - 16) size -= 0.5;
        doc
          .fontSize(size)
          .fillColor(COLOR.brand)
          .text(value, x + 10, y + 9 + (15 - size) / 2, {
            width: width - 16,
            lineBreak: false,
            ellipsis: true,
          });
        doc
          .font(FONT.regular)
          .fontSize(8)
          .fillColor(COLOR.muted)
          .text(item.label, x + 10, y + 32, { width: width - 16, height: 22, ellipsis: true });
      });
      doc.y = y + height + 10;
    }
    doc.x = MARGIN.left;
    doc.fillColor(COLOR.text);
    doc.y += 4;
  }

  private async table(block: TableBlock): Promise<void> {
    const { doc } = this;
    const pad = 4;
    // In the totals row an empty cell reads better than a dash.
    const cells = (row: Record<string, unknown>, totals = false) =>
      block.columns.map((column) =>
        totals && (row[column.key] ?? null) === null
          ? ''
          : displayValue((row[column.key] ?? null) as never, column.type),
      );
    const headerTexts = block.columns.map((column) => column.label);
    const unit = unitWidths(doc);
    const { widths, fontSize } = this.fitColumns(block, pad, unit);
    const measure = (texts: string[], bold: boolean): MeasuredRow => {
      const unitWidth = bold ? unit.bold : unit.regular;
      const widthOf = (text: string) => unitWidth(text) * fontSize;
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(fontSize);
      const lineHeight = doc.currentLineHeight(true);
      let height = lineHeight;
      const lines = texts.map((text, index) => {
        const width = widths[index] - 2 * pad;
        const cellLines =
          block.columns[index].type === 'text'
            ? wrapWords(text, width, widthOf)
            : numberWidth(text, widthOf) + widthOf(' ') <= width
              ? [text]
              : null;
        // Lines this cannot lay out (a word wider than the column, a line break) go to pdfkit.
        if (cellLines) height = Math.max(height, cellLines.length * lineHeight);
        else {
          doc.font(bold ? FONT.bold : FONT.regular).fontSize(fontSize);
          height = Math.max(height, doc.heightOfString(text, { width }));
        }
        return cellLines;
      });
      return { height: height + 2 * pad, lines };
    };
    const header = measure(headerTexts, true);
    const headerHeight = header.height;
    const rowSizes = block.rows.map((row) => measure(cells(row), false));
    const totalsSize = block.totals ? measure(cells(block.totals, true), true) : null;

    const drawTitle = (continued: boolean) => {
      this.subheading(continued ? `${block.title} (continued)` : block.title);
    };
    const drawRow = (
      texts: string[],
      row: MeasuredRow,
      options: { header?: boolean; bold?: boolean; fill?: string },
    ) => {
      const y = doc.y;
      if (options.fill) doc.rect(MARGIN.left, y, CONTENT_WIDTH, row.height).fill(options.fill);
      let x = MARGIN.left;
      doc.font(options.header || options.bold ? FONT.bold : FONT.regular).fontSize(fontSize);
      doc.fillColor(options.header ? COLOR.brand : COLOR.text);
      const lineHeight = doc.currentLineHeight(true);
      texts.forEach((text, index) => {
        const width = widths[index] - 2 * pad;
        const right = block.columns[index].type !== 'text';
        const lines = row.lines[index];
        if (!lines) {
          doc.text(text, x + pad, y + pad, { width, align: right ? 'right' : 'left' });
        } else {
          // Laid out when measured: each line placed directly, without pdfkit's line wrapper.
          lines.forEach((line, number) => {
            const left = right ? x + pad + width - doc.widthOfString(line) : x + pad;
            doc.text(line, left, y + pad + number * lineHeight, { lineBreak: false });
          });
        }
        x += widths[index];
      });
      doc.y = y + row.height;
    };
    const drawHeader = (continued: boolean) => {
      drawTitle(continued);
      drawRow(headerTexts, header, { header: true, fill: COLOR.brandLight });
      doc
        .moveTo(MARGIN.left, doc.y)
        .lineTo(A4.width - MARGIN.right, doc.y)
        .lineWidth(0.8)
        .strokeColor(COLOR.brand)
        .stroke();
    };

    // Title, header and the first row stay together; a short table that fits a page is not split.
    const firstRowHeight = rowSizes[0]?.height ?? 0;
    if (block.rows.length <= 30) {
      const whole =
        30 +
        headerHeight +
        rowSizes.reduce((sum, row) => sum + row.height, 0) +
        (totalsSize ? totalsSize.height + 2 : 0);
      // Not right under a section heading: moving the table would leave the heading alone.
      const underHeading = Math.abs(doc.y - this.headingBottom) < 0.5;
      if (!underHeading && whole <= BOTTOM - MARGIN.top && whole > this.remaining()) doc.addPage();
    }
    this.ensureSpace(30 + headerHeight + firstRowHeight);
    drawHeader(false);
    if (!block.rows.length) {
      doc.font(FONT.regular).fontSize(fontSize).fillColor(COLOR.muted);
      doc.text('No entries.', MARGIN.left + pad, doc.y + pad, { width: CONTENT_WIDTH });
      doc.y += pad;
    }
    for (const [index, row] of block.rows.entries()) {
      const size = rowSizes[index];
      if (doc.y + size.height > BOTTOM) {
        doc.addPage();
        await this.checkpoint();
        drawHeader(true);
      }
      drawRow(cells(row), size, { fill: index % 2 === 1 ? COLOR.zebra : undefined });
    }
    if (block.totals && totalsSize) {
      if (doc.y + totalsSize.height + 2 > BOTTOM) {
        doc.addPage();
        await this.checkpoint();
        drawHeader(true);
      }
      doc
        .moveTo(MARGIN.left, doc.y)
        .lineTo(A4.width - MARGIN.right, doc.y)
        .lineWidth(0.8)
        .strokeColor(COLOR.text)
        .stroke();
      drawRow(cells(block.totals, true), totalsSize, { bold: true });
    }
    doc
      .moveTo(MARGIN.left, doc.y)
      .lineTo(A4.width - MARGIN.right, doc.y)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    if (block.note) {
      doc.y += 4;
      doc.font(FONT.regular).fontSize(7.5).fillColor(COLOR.muted).text(block.note, MARGIN.left, doc.y, {
        width: CONTENT_WIDTH,
      });
    }
    doc.fillColor(COLOR.text);
    doc.x = MARGIN.left;
    doc.y += 16;
  }

  /**
   * Column widths that never break a number or a word: each column is at least as wide as its
   * widest number (or longest word, for text), the rest of the line goes to the text columns by
   * weight. When even that does not fit, the font shrinks a little.
   */
  private fitColumns(
    block: TableBlock,
    pad: number,
    unit: UnitWidths,
  ): { widths: number[]; fontSize: number } {
    const rows = [...block.rows, ...(block.totals ? [block.totals] : [])];
    const weights = block.columns.map((column) => column.weight ?? (column.type === 'text' ? 2 : 1));
    const { regular, bold } = unit;
    // pdfkit measures a word with its trailing space and splits a word wider than the line.
    const widestWord = (text: string, width: (word: string) => number, space: number) =>
      Math.max(...text.split(/\s+/).map((word) => width(word) + space));
    const unitLabels = block.columns.map((column) => widestWord(column.label, bold, bold(' ')));
    const unitCells = block.columns.map(() => 0);
    // The widest whole text of each text column: more room than that is of no use to it.
    const unitWhole = block.columns.map(() => 0);
    for (const row of rows) {
      block.columns.forEach((column, index) => {
        const text = displayValue((row[column.key] ?? null) as never, column.type);
        if (column.type !== 'text') {
          unitCells[index] = Math.max(unitCells[index], numberWidth(text, bold));
          return;
        }
        const words = text.split(/\s+/);
        unitCells[index] = Math.max(unitCells[index], widestWord(text, regular, regular(' ')));
        unitWhole[index] = Math.max(
          unitWhole[index],
          words.reduce((sum, word) => sum + regular(word), 0) + (words.length - 1) * regular(' '),
        );
      });
    }
    for (let fontSize = block.columns.length > 7 ? 8 : 8.5; ; fontSize -= 0.5) {
      // A cell's longest word counts up to a third of the line; a longer one is split.
      const minimum = block.columns.map(
        (_column, index) =>
          Math.max(
            unitLabels[index] * fontSize,
            Math.min(unitCells[index] * fontSize, CONTENT_WIDTH * 0.35),
          ) +
          2 * pad +
          1,
      );
      const used = minimum.reduce((sum, width) => sum + width, 0);
      if (used > CONTENT_WIDTH && fontSize > 6.5) continue;
      const scale = used > CONTENT_WIDTH ? CONTENT_WIDTH / used : 1;
      const widths = minimum.map((width) => width * scale);
      // The rest of the line goes to the text columns by weight, each up to its widest text;
      // what they cannot use goes to the others, and finally to all text columns by weight.
      let extra = Math.max(0, CONTENT_WIDTH - used);
      const room = (index: number) => unitWhole[index] * fontSize + 2 * pad + 1 - widths[index];
      const text = block.columns.map((column) => column.type === 'text');
      for (let pass = 0; extra > 0.01 && pass < block.columns.length; pass++) {
        const growing = block.columns.map((_column, index) =>
          text[index] && room(index) > 0.01 ? weights[index] : 0,
        );
        const total = growing.reduce((sum, weight) => sum + weight, 0);
        if (total === 0) break;
        let given = 0;
        growing.forEach((weight, index) => {
          if (weight === 0) return;
          const share = Math.min((extra * weight) / total, room(index));
          widths[index] += share;
          given += share;
        });
        extra -= given;
      }
      if (extra > 0.01) {
        const total = text.reduce((sum, isText, index) => sum + (isText ? weights[index] : 0), 0);
        widths.forEach((_width, index) => {
          widths[index] +=
            total > 0 ? (text[index] ? (extra * weights[index]) / total : 0) : extra / widths.length;
        });
      }
      return { widths, fontSize };
    }
  }

  private barChart(block: BarChartBlock): void {
    const { doc } = this;
    const barHeight = 13;
    const gap = 7;
    const labelWidth = CONTENT_WIDTH * 0.36;
    const valueWidth = 90;
    const barArea = CONTENT_WIDTH - labelWidth - valueWidth - 12;
    const max = Math.max(0, ...block.bars.map((bar) => numericValue(bar.value)));
    // The whole chart on one page when it fits one; a long one starts with at least four bars.
    const whole = 30 + block.bars.length * (barHeight + gap) + 12;
    this.ensureSpace(whole <= BOTTOM - MARGIN.top ? whole : 30 + 4 * (barHeight + gap));
    this.subheading(block.title);
    if (!block.bars.length || max <= 0) {
      doc
        .font(FONT.regular)
        .fontSize(8.5)
        .fillColor(COLOR.muted)
        .text('No data to chart.', MARGIN.left, doc.y);
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

  private donutChart(block: DonutChartBlock): void {
    const { doc } = this;
    const outer = 62;
    const inner = 36;
    const legendRow = 15;
    const height = Math.max(2 * outer + 10, block.slices.length * legendRow + 10);
    this.ensureSpace(30 + height);
    this.subheading(block.title);
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
