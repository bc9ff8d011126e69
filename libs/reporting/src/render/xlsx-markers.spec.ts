import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { TableBlock } from '../document/report-document';
import { sampleDocument } from './sample-document';
import { XlsxRenderer } from './xlsx-renderer';

describe('XLSX markers in numeric columns', () => {
  it('keeps "n/a" as text in a rate column instead of writing 0', async () => {
    const document = sampleDocument(2);
    const table = document.sections
      .flatMap((s) => s.blocks)
      .find((b): b is TableBlock => b.kind === 'table')!;
    const rate = table.columns.find((c) => c.type === 'percent')!;
    table.rows[0][rate.key] = 'n/a';
    const output = new XlsxRenderer().render(document, {
      runId: '00000000-0000-4000-8000-000000000001',
      generatedAt: new Date('2026-05-02T03:00:00Z'),
      author: 'Test',
      pageDelayMs: 0,
      progress: async () => undefined,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
    await output.done;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    // Contents, Summary, then one sheet per table.
    const sheet = workbook.worksheets[2];
    const column = table.columns.indexOf(rate) + 1;
    expect(sheet.getRow(2).getCell(column).value).toBe('n/a');
    expect(typeof sheet.getRow(3).getCell(column).value).toBe('number');
  });
});
