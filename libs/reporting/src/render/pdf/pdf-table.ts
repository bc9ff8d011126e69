import { isNumericColumn } from '../../document/columns';
import { displayValue } from '../../document/format';
import { TableBlock } from '../../document/report-document';
import { BOTTOM, COLOR, CONTENT_WIDTH, FONT, MARGIN } from './pdf-style';
import { PdfFlow } from './pdf-flow';

/**
 * Tables: columns fitted to their widest number or word, cells wrapped from measured word widths
 * and placed line by line, rows that break across pages with the title and header repeated.
 */

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

/** Spaces inside a bracketed group do not break a header: "Indirect (7 %)" never splits "(7" / "%)". */
export function headerUnits(label: string): string {
  return label.replace(/\([^)]*\)/g, (group) => group.replace(/ /g, '\u00a0'));
}

/** A table measured for drawing: its column widths, font size, row heights and whole height. */
export interface TablePlan {
  widths: number[];
  fontSize: number;
  numeric: boolean[];
  headerTexts: string[];
  header: MeasuredRow;
  rowSizes: MeasuredRow[];
  totalsSize: MeasuredRow | null;
  /** Title, header, every row, totals and note (what the table takes when not split). */
  wholeHeight: number;
  /** Title, header and the first rows (what must stay together). */
  startHeight: number;
  pad?: number;
}

/** Cell padding; a compact table (one that would spill a few rows onto a page) has less. */
const PAD = { regular: 4, compact: 2.5 };
const plans = {
  regular: new WeakMap<TableBlock, TablePlan>(),
  compact: new WeakMap<TableBlock, TablePlan>(),
};

function cellTexts(block: TableBlock, numeric: boolean[], row: Record<string, unknown>, totals = false) {
  // In the totals row an empty cell reads better than a dash; numbers in text columns are grouped.
  return block.columns.map((column, index) =>
    totals && (row[column.key] ?? null) === null
      ? ''
      : displayValue(
          (row[column.key] ?? null) as never,
          column.type === 'text' && numeric[index] ? 'number' : column.type,
        ),
  );
}

/** Measures a table once (drawing and keeping blocks together both need it). */
export function planTable(flow: PdfFlow, block: TableBlock, compact = false): TablePlan {
  const style = compact ? 'compact' : 'regular';
  const known = plans[style].get(block);
  if (known) return known;
  const { doc } = flow;
  const pad = PAD[style];
  const numeric = block.columns.map((column) => isNumericColumn(block, column));
  const headerTexts = block.columns.map((column) => headerUnits(column.label));
  const unit = unitWidths(doc);
  const { widths, fontSize } = fitColumns(block, numeric, headerTexts, pad, unit, compact ? 0.5 : 0);
  const measure = (texts: string[], bold: boolean): MeasuredRow => {
    const unitWidth = bold ? unit.bold : unit.regular;
    const widthOf = (text: string) => unitWidth(text) * fontSize;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(fontSize);
    const lineHeight = doc.currentLineHeight(true);
    let height = lineHeight;
    const lines = texts.map((text, index) => {
      const width = widths[index] - 2 * pad;
      const cellLines = !numeric[index]
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
  // Header lines are laid out by word too (never by pdfkit, which breaks after a dash).
  const header = measure(headerTexts, true);
  const rowSizes = block.rows.map((row) => measure(cellTexts(block, numeric, row), false));
  const totalsSize = block.totals ? measure(cellTexts(block, numeric, block.totals, true), true) : null;
  doc.font(FONT.bold).fontSize(10.5);
  const titleHeight = doc.heightOfString(block.title, { width: CONTENT_WIDTH }) + 4;
  doc.font(FONT.regular).fontSize(7.5);
  const noteHeight = block.note ? doc.heightOfString(block.note, { width: CONTENT_WIDTH }) + 4 : 0;
  const rowsHeight = rowSizes.reduce((sum, row) => sum + row.height, 0);
  const plan: TablePlan = {
    widths,
    fontSize,
    numeric,
    headerTexts,
    header,
    rowSizes,
    totalsSize,
    wholeHeight:
      titleHeight + header.height + rowsHeight + (totalsSize ? totalsSize.height + 2 : 0) + noteHeight + 16,
    startHeight:
      titleHeight +
      header.height +
      rowSizes.slice(0, 3).reduce((sum, row) => sum + row.height, 0) +
      (block.rows.length <= 3 && totalsSize ? totalsSize.height : 0),
  };
  plan.pad = pad;
  plans[style].set(block, plan);
  return plan;
}

export async function drawTable(flow: PdfFlow, block: TableBlock): Promise<void> {
  const { doc } = flow;
  let plan = planTable(flow, block);
  // A table that would spill a few rows onto the next page is set a little tighter to fit.
  const available = flow.remaining();
  const needed = plan.wholeHeight - 16;
  if (needed > available && needed <= available * 1.15 && block.rows.length > 3) {
    const compact = planTable(flow, block, true);
    if (compact.wholeHeight - 16 <= available) plan = compact;
  }
  const pad = plan.pad ?? PAD.regular;
  const { widths, fontSize, numeric, headerTexts, header, rowSizes, totalsSize } = plan;
  const headerHeight = header.height;
  const cells = (row: Record<string, unknown>, totals = false) => cellTexts(block, numeric, row, totals);

  const drawTitle = (continued: boolean) => {
    if (continued) flow.subheading(`${block.title} (continued)`);
    else flow.title(block.title);
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
      const right = numeric[index];
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
    flow.rule(doc.y, 0.8, COLOR.brand);
  };

  // Title, header and the first row stay together; a short table that fits a page is not split.
  const firstRowHeight = rowSizes[0]?.height ?? 0;
  if (block.rows.length <= 30) {
    const whole = plan.wholeHeight - 16;
    // Not right under a section heading: moving the table would leave the heading alone.
    const underHeading = Math.abs(doc.y - flow.headingBottom) < 0.5;
    if (!underHeading && whole <= BOTTOM - MARGIN.top && whole > flow.remaining()) doc.addPage();
  }
  flow.ensureSpace(30 + headerHeight + firstRowHeight);
  drawHeader(false);
  if (!block.rows.length) {
    doc.font(FONT.regular).fontSize(fontSize).fillColor(COLOR.muted);
    doc.text('No entries.', MARGIN.left + pad, doc.y + pad, { width: CONTENT_WIDTH });
    doc.y += pad;
  }
  const totalsTail = totalsSize ? totalsSize.height + 2 : 0;
  for (const [index, row] of block.rows.entries()) {
    const size = rowSizes[index];
    // The last row goes with the totals: a totals row never starts a page on its own.
    const last = index === block.rows.length - 1 && index > 0;
    if (doc.y + size.height + (last ? totalsTail : 0) > BOTTOM) {
      doc.addPage();
      await flow.checkpoint();
      drawHeader(true);
    }
    drawRow(cells(row), size, { fill: index % 2 === 1 ? COLOR.zebra : undefined });
  }
  if (block.totals && totalsSize) {
    if (doc.y + totalsSize.height + 2 > BOTTOM) {
      doc.addPage();
      await flow.checkpoint();
      drawHeader(true);
    }
    flow.rule(doc.y, 0.8, COLOR.text);
    drawRow(cells(block.totals, true), totalsSize, { bold: true });
  }
  flow.rule(doc.y, 0.5, COLOR.rule);
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
 * Column widths that never break a number, a word or a header's bracketed group: each column is
 * at least as wide as its widest number (or longest word, for text) and its header's widest unit;
 * the rest of the line goes first to number columns whose header would take more than two lines,
 * then to the text columns by weight. When even the minimum does not fit, the font shrinks a little.
 */
function fitColumns(
  block: TableBlock,
  numeric: boolean[],
  headerTexts: string[],
  pad: number,
  unit: UnitWidths,
  smaller = 0,
): { widths: number[]; fontSize: number } {
  const rows = [...block.rows, ...(block.totals ? [block.totals] : [])];
  const weights = block.columns.map((column, index) => column.weight ?? (numeric[index] ? 1 : 2));
  const { regular, bold } = unit;
  // Words split at plain spaces only: a header's bracketed group is one unit (no-break spaces).
  const widestWord = (text: string, width: (word: string) => number, space: number) =>
    Math.max(...text.split(' ').map((word) => width(word) + space));
  const unitLabels = headerTexts.map((label) => widestWord(label, bold, bold(' ')));
  // Half the header's width (plus slack): what it needs to fit on two lines.
  const twoLineLabels = headerTexts.map((label, index) =>
    Math.max(unitLabels[index], (bold(label) + bold(' ')) / 2 + bold('M')),
  );
  const unitCells = block.columns.map(() => 0);
  // The widest whole text of each text column: more room than that is of no use to it.
  const unitWhole = block.columns.map(() => 0);
  for (const row of rows) {
    block.columns.forEach((column, index) => {
      const type = column.type === 'text' && numeric[index] ? 'number' : column.type;
      const text = displayValue((row[column.key] ?? null) as never, type);
      if (numeric[index]) {
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
  const largest = block.dense ? 7 : block.columns.length > 7 ? 8 : 8.5;
  for (let fontSize = largest - smaller; ; fontSize -= 0.5) {
    // A cell's longest word counts up to a third of the line; a longer one is split.
    const minimum = block.columns.map(
      (_column, index) =>
        Math.max(unitLabels[index] * fontSize, Math.min(unitCells[index] * fontSize, CONTENT_WIDTH * 0.35)) +
        2 * pad +
        1,
    );
    const used = minimum.reduce((sum, width) => sum + width, 0);
    if (used > CONTENT_WIDTH && fontSize > Math.min(6.5, largest - smaller)) continue;
    const scale = used > CONTENT_WIDTH ? CONTENT_WIDTH / used : 1;
    const widths = minimum.map((width) => width * scale);
    let extra = Math.max(0, CONTENT_WIDTH - used);
    // Number columns first get what their header needs to fit on two lines.
    const wanted = block.columns.map((_column, index) =>
      numeric[index] ? Math.max(0, twoLineLabels[index] * fontSize + 2 * pad + 1 - widths[index]) : 0,
    );
    const wantedTotal = wanted.reduce((sum, width) => sum + width, 0);
    if (wantedTotal > 0.01 && extra > 0.01) {
      const share = Math.min(1, extra / wantedTotal);
      wanted.forEach((width, index) => (widths[index] += width * share));
      extra -= wantedTotal * share;
    }
    // The rest goes to the text columns by weight, each up to its widest text; what they cannot
    // use goes to the others, and finally to all text columns by weight.
    const room = (index: number) => unitWhole[index] * fontSize + 2 * pad + 1 - widths[index];
    const text = numeric.map((isNumber) => !isNumber);
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
