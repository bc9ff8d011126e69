import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { RenderContext } from '../document/report-document';
import { CsvRenderer, csvCell, fileSlug } from './csv-renderer';
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

  it('gives the PDF a contents page, bookmarks, definitions, right-aligned numbers and whole header phrases', async () => {
    const document = sampleDocument(5);
    document.sections[1].blocks.push({
      kind: 'table',
      title: 'Results matrix',
      columns: [
        { key: 'indicator', label: 'Indicator', type: 'text', weight: 3 },
        { key: 'target', label: 'Target', type: 'text', weight: 1 },
        { key: 'indirect', label: 'Indirect (7 %)', type: 'money', weight: 0.2 },
        { key: 'score', label: 'Weighted score (0–100)', type: 'number', weight: 0.2 },
      ],
      rows: [
        { indicator: 'Officials trained', target: '1200', indirect: '70000.00', score: 81 },
        { indicator: 'Shelters opened', target: '800', indirect: '7.00', score: 9 },
      ],
    });
    const output = new PdfRenderer().render(document, context());
    const chunks: Buffer[] = [];
    for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
    await output.done;
    const pdf = Buffer.concat(chunks);
    const pages = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf })
      .toString('utf8')
      .split('\f');
    expect(pages[1]).toContain('Contents');
    expect(pages[1]).toMatch(/Definitions\s+3\s+Summary\s+4\s+Lines\s+4/);
    expect(pages[1]).toMatch(/Results matrix\s+5/);
    expect(pages[1]).toMatch(/Definitions\s+\d/);
    expect(pages.join('\n')).toContain('Delivery rate');
    // Bookmarks: every section and table, each opening the page its title is on.
    const outline = pdfOutline(pdf);
    expect(outline.map((item) => item.title)).toEqual(
      expect.arrayContaining(['Summary', 'Lines', 'Budget lines (US$)', 'Results matrix', 'Definitions']),
    );
    for (const item of outline) expect(pages[item.page]).toContain(item.title);
    expect(pdf.toString('latin1')).toContain('/PageMode /UseOutlines');
    // Header phrases stay whole; numbers in a text column are right-aligned like the others.
    const page = pages.findIndex((text) => text.includes('Results matrix') && text.includes('Officials'));
    expect(pages[page]).toContain('(7 %)');
    expect(pages[page]).toContain('(0–100)');
    const words = pdfWords(pdf, page);
    const right = (text: string) => words.find((word) => word.text === text)!.xMax;
    expect(Math.abs(right('1,200') - right('800'))).toBeLessThan(0.5);
    expect(Math.abs(right('81') - right('9'))).toBeLessThan(0.5);
  });

  it('keeps a chart on the page of the table it follows', async () => {
    const document = sampleDocument(2);
    const table = (title: string, rows: number) => ({
      kind: 'table' as const,
      title,
      columns: [
        { key: 'label', label: 'Item', type: 'text' as const },
        { key: 'value', label: 'US$', type: 'money' as const },
      ],
      rows: Array.from({ length: rows }, (_, i) => ({ label: `Item ${i + 1}`, value: `${i + 1}000.00` })),
    });
    const bars = Array.from({ length: 8 }, (_, i) => ({ label: `Item ${i + 1}`, value: `${i + 1}000.00` }));
    document.sections.push({
      heading: 'Pairs',
      pageBreakBefore: true,
      // The first table fills most of the page: the second with its charts does not fit under it.
      blocks: [
        table('Filler table', 24),
        table('Transfers table', 6),
        { kind: 'barChart', title: 'Transfers chart', valueType: 'money', bars },
        { kind: 'donutChart', title: 'Transfers donut', valueType: 'money', slices: bars.slice(0, 4) },
      ],
    });
    const output = new PdfRenderer().render(document, context());
    const chunks: Buffer[] = [];
    for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
    await output.done;
    const outline = pdfOutline(Buffer.concat(chunks));
    const page = (title: string) => outline.find((item) => item.title === title)!.page;
    expect(page('Transfers table')).toBeGreaterThan(page('Filler table'));
    expect(page('Transfers chart')).toBe(page('Transfers table'));
    expect(page('Transfers donut')).toBe(page('Transfers table'));
  });

  it('renders CSV as a zip of tables, each file UTF-8 with a BOM and its header row first', async () => {
    const first = await render(new CsvRenderer(), 3);
    const again = await render(new CsvRenderer(), 3);
    expect(again.buffer.equals(first.buffer)).toBe(true);
    const files = unzip(first.buffer);
    expect(Object.keys(files)).toEqual([
      '00-contents.csv',
      '00-report.csv',
      '00-summary.csv',
      '01-budget-lines-us.csv',
      '02-by-country-us.csv',
      '03-share-by-organization.csv',
      '99-definitions.csv',
    ]);
    for (const content of Object.values(files))
      expect(content.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = files['01-budget-lines-us.csv'].toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('"Country","No.","Amount","Share"');
    expect(lines[1]).toBe('"Côte d\'Ivoire 1",1,1000.50,0.0125');
    expect(lines).toContain('"Total",,99999.99,1.0000');
    const contents = files['00-contents.csv'].toString('utf8').slice(1).split('\r\n');
    expect(contents[0]).toBe('"File","Table","Section","Rows","Note"');
    expect(contents).toContain('"01-budget-lines-us.csv","Budget lines (US$)","Lines",4,');
    expect(files['00-summary.csv'].toString('utf8')).toContain('"Summary","Total budget (US$)","1234567.89"');
    expect(files['00-report.csv'].toString('utf8')).toContain('"Report","Sample factsheet"');
  });

  it('renders a one-table report as one CSV file with a BOM', async () => {
    const document = sampleDocument(2);
    document.sections[1].blocks = [document.sections[1].blocks[0]];
    const output = new CsvRenderer().render(document, context());
    const chunks: Buffer[] = [];
    for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
    await output.done;
    expect(output.extension).toBe('csv');
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFF"Country","No.","Amount","Share"\r\n')).toBe(true);
  });

  it('names CSV files in whole words', () => {
    expect(
      fileSlug('Share of assessed indicators on track by thematic area, all periods since inception'),
    ).toBe('share-of-assessed-indicators-on-track-by-thematic-area-all');
    expect(fileSlug('Côte d’Ivoire: budget (US$)')).toBe('cote-d-ivoire-budget-us');
  });

  it('quotes CSV cells and defuses formulas in text', () => {
    expect(csvCell('=SUM(A1)', true)).toBe('"\'=SUM(A1)"');
    expect(csvCell('a "b", c', true)).toBe('"a ""b"", c"');
    expect(csvCell('-12.50', false)).toBe('-12.50');
  });

  it('renders XLSX with a contents sheet, frozen headers and a number format per column', async () => {
    const document = sampleDocument(5);
    document.sections[1].blocks.push({
      kind: 'table',
      title: 'Rates and counts',
      columns: [
        { key: 'item', label: 'Item', type: 'text' },
        { key: 'count', label: 'Count', type: 'number' },
        { key: 'rate', label: 'US$ per unit', type: 'number' },
        { key: 'target', label: 'Target', type: 'text' },
      ],
      rows: [
        { item: 'NOK', count: 6, rate: '0.1063', target: '1200' },
        { item: 'EUR', count: 12, rate: '1.0000', target: '800' },
      ],
    });
    const output = new XlsxRenderer().render(document, context());
    const chunks: Buffer[] = [];
    for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
    await output.done;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Contents',
      'Summary',
      'Budget lines (US$)',
      'By country (US$)',
      'Share by organization',
      'Rates and counts',
      'Definitions',
    ]);
    for (const sheet of workbook.worksheets)
      expect({ sheet: sheet.name, view: sheet.views[0] }).toMatchObject({
        sheet: sheet.name,
        view: { state: 'frozen', ySplit: 1 },
      });
    const index = workbook.getWorksheet('Contents')!;
    expect(index.getRow(1).values).toEqual([undefined, 'Sheet', 'Contents', 'Section', 'Rows']);
    expect(index.getRow(4).values).toEqual([undefined, 'By country (US$)', 'By country (US$)', 'Lines', 6]);
    const lines = workbook.getWorksheet('Budget lines (US$)')!;
    expect(lines.getRow(1).getCell(1).value).toBe('Country');
    expect(lines.getRow(2).getCell(1).value).toBe("Côte d'Ivoire 1");
    expect(lines.getRow(2).getCell(2).numFmt).toBe('#,##0');
    expect(lines.getRow(2).getCell(3).value).toBe(1000.5);
    expect(lines.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
    expect(lines.getRow(2).getCell(4).numFmt).toBe('0.00%');
    // The totals row is bold and keeps the column's number format.
    expect(lines.getRow(7).getCell(3).value).toBe(99999.99);
    expect(lines.getRow(7).getCell(3).numFmt).toBe('#,##0.00');
    expect(lines.getRow(7).getCell(3).font?.bold).toBe(true);
    const rates = workbook.getWorksheet('Rates and counts')!;
    expect(rates.getRow(2).getCell(2).numFmt).toBe('#,##0');
    expect(rates.getRow(2).getCell(3).value).toBe(0.1063);
    expect(rates.getRow(2).getCell(3).numFmt).toBe('#,##0.0000');
    // A text column of numbers is written as numbers.
    expect(rates.getRow(2).getCell(4).value).toBe(1200);
    const summary = workbook.getWorksheet('Summary')!;
    const countries = summary.getColumn(1).values.indexOf('Countries');
    expect(summary.getRow(countries).getCell(2).numFmt).toBe('#,##0');
  });

  it('makes valid, unique sheet names of whole words', () => {
    const used = new Set<string>();
    expect(sheetName('Budget: by [category]/PUNO and a very long tail', used)).toBe(
      'Budget by category PUNO',
    );
    expect(sheetName('Budget: by [category]/PUNO and a very long tail', used)).toBe(
      'Budget by category PUNO (2)',
    );
    expect(sheetName('Funds with the Administrative Agent', used)).toBe('Funds with the Administrative');
    expect(sheetName('Expenditure by programme (US$, net funded)', used)).toBe('Expenditure by programme');
    for (const name of used) expect(name.length).toBeLessThanOrEqual(31);
  });
});

/** The entries of a zip, in order, through the system's unzip. */
function unzip(zip: Buffer): Record<string, Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'csv-zip-'));
  try {
    writeFileSync(join(folder, 'report.zip'), zip);
    const names = execFileSync('unzip', ['-Z1', join(folder, 'report.zip')])
      .toString('utf8')
      .trim()
      .split('\n');
    return Object.fromEntries(
      names.map((name) => [name, execFileSync('unzip', ['-p', join(folder, 'report.zip'), name])]),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The PDF's bookmarks with the 0-based page each opens (pdfkit writes them uncompressed). */
function pdfOutline(pdf: Buffer): { title: string; page: number }[] {
  const text = pdf.toString('latin1');
  const kids =
    /\/Type \/Pages\s*\/Count \d+\s*\/Kids \[([^\]]*)\]/.exec(text) ?? /\/Kids \[([^\]]*)\]/.exec(text);
  const pageRefs = [...kids![1].matchAll(/(\d+) 0 R/g)].map((match) => match[1]);
  return [...text.matchAll(/\/Dest \[(\d+) 0 R \/Fit\][^>]*?\/Title \(((?:\\.|[^\\)])*)\)/g)].map(
    (match) => ({
      title: match[2].replace(/\\(.)/g, '$1'),
      page: pageRefs.indexOf(match[1]),
    }),
  );
}

/** The words of one page (0-based) with their right edge, through pdftotext -bbox. */
function pdfWords(pdf: Buffer, page: number): { text: string; xMax: number }[] {
  const html = execFileSync(
    'pdftotext',
    ['-bbox', '-f', String(page + 1), '-l', String(page + 1), '-', '-'],
    {
      input: pdf,
    },
  ).toString('utf8');
  return [
    ...html.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((match) => ({ text: match[2], xMax: Number(match[1]) }));
}
