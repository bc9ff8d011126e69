import { displayValue, ReportBlock, ReportDocument, TableBlock } from '@mptf/reporting';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const FONT_FOLDER = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const MARGIN = 50;
const TOP = 64;
const BOTTOM = 841.89 - 64;
const WIDTH = 595.28 - 2 * MARGIN;
const PAD = 3;

/**
 * A ReportDocument's content drawn with bare pdfkit, as a plain program would: the same font the
 * service embeds (DejaVu Sans, so every name renders), a cover with the metadata, every section
 * of the PDF (headings, paragraphs, facts, key figures, tables with every cell wrapped in its
 * column and the header repeated on each page, charts as bars), a running header and a page
 * number; no contents, bookmarks, "of N", keep-together rules or column fitting. The floor the
 * real renderer is compared with (the annual report's baseline).
 */
export async function drawDocument(document: ReportDocument, path: string): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: true, autoFirstPage: false });
  doc.registerFont('Body', join(FONT_FOLDER, 'DejaVuSans.ttf'));
  doc.registerFont('Bold', join(FONT_FOLDER, 'DejaVuSans-Bold.ttf'));
  let pages = 0;
  doc.on('pageAdded', () => {
    pages += 1;
    const { x } = doc;
    // Header and footer sit in the margins: lift the bottom margin while writing them.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Body').fontSize(7).fillColor('#5f6b76');
    doc.text(document.title, MARGIN, 30, { width: WIDTH, lineBreak: false });
    doc.text(`Page ${pages}`, MARGIN, 841.89 - 40, { width: WIDTH, align: 'right', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
    doc.x = x;
    doc.y = TOP;
  });
  const out = createWriteStream(path);
  const finished = new Promise<void>((done, fail) => {
    out.on('finish', done);
    out.on('error', fail);
  });
  doc.pipe(out);

  doc.addPage();
  doc.font('Bold').fontSize(22).text(document.title, MARGIN, 200, { width: WIDTH });
  if (document.subtitle) doc.font('Body').fontSize(11).text(document.subtitle, { width: WIDTH });
  doc.moveDown();
  for (const item of document.metadata)
    doc.fontSize(9).text(`${item.label}: ${item.value}`, { width: WIDTH });
  for (const section of document.sections.filter((candidate) => !candidate.notInPdf)) {
    if (section.pageBreakBefore) doc.addPage();
    space(doc, 60);
    doc.font('Bold').fontSize(15).text(section.heading, MARGIN, doc.y, { width: WIDTH }).moveDown(0.4);
    for (const block of section.blocks) drawBlock(doc, block);
    // Yield between sections, as the service's renderer does between blocks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  doc.end();
  await finished;
  return pages;
}

function space(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function drawBlock(doc: PDFKit.PDFDocument, block: ReportBlock): void {
  switch (block.kind) {
    case 'paragraph':
      doc.font('Body').fontSize(9).text(block.text, MARGIN, doc.y, { width: WIDTH }).moveDown(0.5);
      return;
    case 'facts':
      for (const item of block.items) {
        space(doc, 12);
        doc.font('Body').fontSize(8.5).text(`${item.label}: ${item.value}`, MARGIN, doc.y, { width: WIDTH });
      }
      doc.moveDown(0.5);
      return;
    case 'keyFigures':
      for (const item of block.items) {
        space(doc, 14);
        doc
          .font('Body')
          .fontSize(9)
          .text(`${item.label}: ${displayValue(item.value, item.type)}`, MARGIN, doc.y, { width: WIDTH });
      }
      doc.moveDown(0.5);
      return;
    case 'barChart':
    case 'donutChart':
      bars(
        doc,
        block.title,
        (block.kind === 'barChart' ? block.bars : block.slices).map((point) => ({
          label: point.label,
          value: Number(point.value ?? 0),
          text: displayValue(point.value, block.valueType),
        })),
      );
      return;
    case 'table':
      table(doc, block);
      return;
  }
}

function bars(
  doc: PDFKit.PDFDocument,
  title: string,
  items: { label: string; value: number; text: string }[],
): void {
  space(doc, 30);
  doc.font('Bold').fontSize(10.5).text(title, MARGIN, doc.y, { width: WIDTH }).moveDown(0.2);
  const max = Math.max(1, ...items.map((item) => item.value));
  for (const item of items) {
    space(doc, 12);
    const y = doc.y;
    doc
      .font('Body')
      .fontSize(7.5)
      .text(item.label, MARGIN, y, { width: 150, lineBreak: false, ellipsis: true });
    doc
      .rect(MARGIN + 155, y, Math.max(1, (item.value / max) * 250), 8)
      .fill('#1f5fa6')
      .fillColor('black');
    doc.text(item.text, MARGIN + 410, y, { width: WIDTH - 410, align: 'right', lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + 12;
  }
  doc.moveDown(0.5);
}

function table(doc: PDFKit.PDFDocument, block: TableBlock): void {
  const weights = block.columns.map((column) => column.weight ?? (column.type === 'text' ? 2 : 1));
  const unit = WIDTH / weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => weight * unit);
  const size = block.dense ? 6.5 : 7.5;
  const line = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Bold' : 'Body').fontSize(size);
    const height =
      Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: widths[index] - 2 * PAD }))) +
      2 * PAD;
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      if (!bold) line(header, true);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, index) => {
      doc.text(cell, x + PAD, y + PAD, {
        width: widths[index] - 2 * PAD,
        align: block.columns[index].type === 'text' ? 'left' : 'right',
      });
      x += widths[index];
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const header = block.columns.map((column) => column.label);
  space(doc, 50);
  doc.font('Bold').fontSize(10.5).text(block.title, MARGIN, doc.y, { width: WIDTH }).moveDown(0.2);
  line(header, true);
  for (const row of block.rows)
    line(
      block.columns.map((column) => displayValue(row[column.key], column.type)),
      false,
    );
  if (block.totals) {
    const totals = block.totals;
    line(
      block.columns.map((column) => displayValue(totals[column.key], column.type)),
      true,
    );
  }
  if (block.note)
    doc
      .font('Body')
      .fontSize(7.5)
      .text(block.note, MARGIN, doc.y + 2, { width: WIDTH });
  doc.moveDown(0.8);
}
