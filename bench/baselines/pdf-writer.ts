import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * A bare pdfkit writer for the baselines: headings, simple tables and bar charts, streamed to a
 * file. Deliberately plain: it is the floor the real renderer is compared with.
 */
export class BarePdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly finished: Promise<void>;
  pages = 1;

  constructor(path: string) {
    this.doc = new PDFDocument({ size: 'A4', margin: 40, compress: true });
    this.doc.on('pageAdded', () => (this.pages += 1));
    const out = createWriteStream(path);
    this.finished = new Promise((done, fail) => {
      out.on('finish', () => done());
      out.on('error', fail);
    });
    this.doc.pipe(out);
  }

  heading(text: string, size = 14): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.5).font('Helvetica-Bold').fontSize(size).text(text).moveDown(0.3);
    return this;
  }

  paragraph(text: string): this {
    this.doc.font('Helvetica').fontSize(9).text(text).moveDown(0.3);
    return this;
  }

  table(headers: string[], rows: (string | number)[][], widths?: number[]): this {
    const doc = this.doc;
    const usable = doc.page.width - 80;
    const columnWidths = widths ?? headers.map(() => usable / headers.length);
    const line = (cells: (string | number)[], bold: boolean) => {
      this.ensureSpace(14);
      const y = doc.y;
      let x = 40;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
      cells.forEach((cell, index) => {
        doc.text(String(cell), x + 2, y, {
          width: columnWidths[index] - 4,
          height: 10,
          ellipsis: true,
          lineBreak: false,
          align: index === 0 ? 'left' : 'right',
        });
        x += columnWidths[index];
      });
      doc.x = 40;
      doc.y = y + 11;
    };
    line(headers, true);
    for (const row of rows) line(row, false);
    doc.moveDown(0.5);
    return this;
  }

  bars(title: string, items: { label: string; value: number }[]): this {
    const doc = this.doc;
    this.ensureSpace(30 + items.length * 14);
    doc.font('Helvetica-Bold').fontSize(9).text(title).moveDown(0.2);
    const max = Math.max(1, ...items.map((item) => item.value));
    for (const item of items) {
      const y = doc.y;
      doc
        .font('Helvetica')
        .fontSize(7.5)
        .text(item.label, 40, y, { width: 150, lineBreak: false, ellipsis: true });
      doc
        .rect(195, y, Math.max(1, (item.value / max) * 300), 8)
        .fill('#1f77b4')
        .fillColor('black');
      doc.y = y + 12;
      doc.x = 40;
    }
    doc.moveDown(0.5);
    return this;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - 40) this.doc.addPage();
  }

  async end(): Promise<void> {
    this.doc.end();
    await this.finished;
  }
}

/** Cents (bigint or numeric text) as "1,234,567.89". */
export function usd(cents: string | bigint | number | null | undefined): string {
  const value = BigInt(cents ?? 0);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}
