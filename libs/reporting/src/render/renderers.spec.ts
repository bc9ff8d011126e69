import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { RenderContext } from '../document/report-document';
import { CsvRenderer, csvCell } from './csv-renderer';
import { reportFonts } from './fonts';
import { PdfRenderer } from './pdf-renderer';
import { ReportRenderer } from './report-renderer';
import { sampleDocument } from './sample-document';
import { sheetName, XlsxRenderer } from './xlsx-renderer';

const context = (progress: number[] = []): RenderContext => ({
  runId: '00000000-0000-4000-8000-000000000001',
  generatedAt: new Date('2026-05-02T03:00:00Z'),
  author: 'Test',
  pageDelayMs: 0,
  progress: async (percent) => {
    progress.push(percent);
  },
});

async function render(renderer: ReportRenderer, rows = 80, progress: number[] = []) {
  const output = renderer.render(sampleDocument(rows), context(progress));
  const chunks: Buffer[] = [];
  for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
  const { pages } = await output.done;
  return { buffer: Buffer.concat(chunks), pages };
}

describe('report renderers', () => {
  it('renders a PDF with a cover, page count, metadata and an embedded font', async () => {
    const progress: number[] = [];
    const { buffer, pages } = await render(new PdfRenderer(), 80, progress);
    const text = buffer.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // Cover + summary + a table of 80 rows that must break across pages.
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(text.match(/\/Type \/Page\b/g)?.length).toBe(pages);
    expect(text).toContain('DejaVuSans');
    expect(text).toMatch(/\/Title \d+ 0 R/);
    expect(text).toContain('/DisplayDocTitle true');
    expect(progress.at(-1)).toBe(100);
  });

  it('numbers every page "n of N" with the final count, the same on every render', async () => {
    const first = await render(new PdfRenderer(), 150);
    const second = await render(new PdfRenderer(), 150);
    expect(first.pages).toBe(second.pages);
    expect(first.pages).toBeGreaterThan((await render(new PdfRenderer(), 10)).pages ?? 0);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: first.buffer }).toString('utf8');
    const numbers = [...text.matchAll(/Page (\d+) of (\d+)/g)].map((match) => `${match[1]}/${match[2]}`);
    expect(numbers).toEqual(
      Array.from({ length: first.pages ?? 0 }, (_, index) => `${index + 1}/${first.pages}`),
    );
  });

  it('shapes a word once per process: a later document reuses it and renders the same bytes', async () => {
    const first = await render(new PdfRenderer(), 40);
    await render(new PdfRenderer(), 150); // more words, other pages
    const fonts = reportFonts();
    const shaping = [jest.spyOn(fonts.regular, 'layout'), jest.spyOn(fonts.bold, 'layout')];
    try {
      const again = await render(new PdfRenderer(), 40);
      for (const spy of shaping) expect(spy).not.toHaveBeenCalled();
      expect(again.buffer.equals(first.buffer)).toBe(true);
    } finally {
      for (const spy of shaping) spy.mockRestore();
    }
  });

  it('renders one CSV with sections, plain decimal numbers and totals', async () => {
    const { buffer } = await render(new CsvRenderer(), 3);
    const lines = buffer.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('"Report","Sample factsheet"');
    expect(lines).toContain('"Section","Lines"');
    expect(lines).toContain('"Country","No.","Amount","Share"');
    expect(lines).toContain('"Côte d\'Ivoire 1",1,1000.50,0.0125');
    expect(lines).toContain('"Total",,99999.99,1.0000');
    expect(lines).toContain('"Total budget (US$)",1234567.89');
  });

  it('quotes CSV cells and defuses formulas in text', () => {
    expect(csvCell('=SUM(A1)', true)).toBe('"\'=SUM(A1)"');
    expect(csvCell('a "b", c', true)).toBe('"a ""b"", c"');
    expect(csvCell('-12.50', false)).toBe('-12.50');
  });

  it('renders XLSX with one sheet per table and numeric cells with number formats', async () => {
    const { buffer } = await render(new XlsxRenderer(), 5);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary',
      'Budget lines (US$)',
      'By country (US$)',
      'Share by organization',
    ]);
    const lines = workbook.getWorksheet('Budget lines (US$)')!;
    expect(lines.getRow(1).getCell(1).value).toBe('Country');
    expect(lines.getRow(2).getCell(1).value).toBe("Côte d'Ivoire 1");
    expect(lines.getRow(2).getCell(3).value).toBe(1000.5);
    expect(lines.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
    expect(lines.getRow(2).getCell(4).numFmt).toBe('0.00%');
    expect(lines.getRow(7).getCell(3).value).toBe(99999.99);
    // The totals row is bold and keeps the column's number format.
    expect(lines.getRow(7).getCell(3).numFmt).toBe('#,##0.00');
    expect(lines.getRow(7).getCell(3).font?.bold).toBe(true);
  });

  it('makes valid, unique sheet names', () => {
    const used = new Set<string>();
    expect(sheetName('Budget: by [category]/PUNO and a very long tail', used)).toBe(
      'Budget by category PUNO and a v',
    );
    expect(sheetName('Budget: by [category]/PUNO and a very long tail', used)).toBe(
      'Budget by category PUNO and (2)',
    );
  });
});
