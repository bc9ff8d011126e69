import { displayValue } from '../../document/format';
import { FactsBlock, KeyFiguresBlock, ParagraphBlock } from '../../document/report-document';
import { COLOR, CONTENT_WIDTH, FONT, MARGIN } from './pdf-style';
import { PdfFlow } from './pdf-flow';

/** The text blocks: paragraphs, label/value facts and key figure tiles. */

export function drawParagraph(flow: PdfFlow, block: ParagraphBlock): void {
  const { doc } = flow;
  const { text } = block;
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text);
  flow.ensureSpace(Math.min(doc.heightOfString(text, { width: CONTENT_WIDTH, lineGap: 2 }), 60));
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.y += 10;
}

const FACT_LABEL_WIDTH = 160;

/** One fact's text height (label and value side by side). */
function factHeight(doc: PDFKit.PDFDocument, item: FactsBlock['items'][number]): number {
  doc.font(FONT.regular).fontSize(9.5);
  return Math.max(
    doc.heightOfString(item.label, { width: FACT_LABEL_WIDTH - 8 }),
    doc.heightOfString(item.value, { width: CONTENT_WIDTH - FACT_LABEL_WIDTH }),
  );
}

/** A facts list's whole height as drawn. */
export function factsHeight(flow: PdfFlow, block: FactsBlock): number {
  return block.items.reduce((sum, item) => sum + factHeight(flow.doc, item) + 6, 0) + 10;
}

export function drawFacts(flow: PdfFlow, block: FactsBlock): void {
  const { doc } = flow;
  const labelWidth = FACT_LABEL_WIDTH;
  doc.fontSize(9.5);
  for (const item of block.items) {
    doc.font(FONT.regular);
    const height = factHeight(doc, item);
    doc.fontSize(9.5);
    flow.ensureSpace(height + 6);
    const y = doc.y;
    doc.fillColor(COLOR.muted).text(item.label, MARGIN.left, y, { width: labelWidth - 8 });
    doc
      .fillColor(COLOR.text)
      .text(item.value, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
    doc.y = y + height + 3;
    flow.rule(doc.y - 1, 0.3, COLOR.rule);
    doc.y += 3;
  }
  doc.y += 10;
}

/** Up to four tiles a row: the value big (shrunk to fit), the label under it. */
export function drawKeyFigures(flow: PdfFlow, block: KeyFiguresBlock): void {
  const { doc } = flow;
  const perRow = Math.min(4, Math.max(1, block.items.length));
  const gap = 10;
  const width = (CONTENT_WIDTH - gap * (perRow - 1)) / perRow;
  for (let start = 0; start < block.items.length; start += perRow) {
    const row = block.items.slice(start, start + perRow);
    // Labels wrap in full: the row's tiles grow to the longest (scope included), never cut off.
    doc.font(FONT.regular).fontSize(8);
    const labelHeight = Math.max(
      22,
      ...row.map((item) => doc.heightOfString(item.label, { width: width - 16 })),
    );
    const height = 36 + labelHeight;
    flow.ensureSpace(height + 10);
    const y = doc.y;
    row.forEach((item, index) => {
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
        .text(item.label, x + 10, y + 32, { width: width - 16 });
    });
    doc.y = y + height + 10;
  }
  doc.x = MARGIN.left;
  doc.fillColor(COLOR.text);
  doc.y += 4;
}
