import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { PdfRenderer } from './pdf-renderer';
import { sampleDocument } from './sample-document';

describe('PDF key figure tiles', () => {
  it('wraps a long label in full, its scope included, instead of cutting it off', async () => {
    const document = sampleDocument(1);
    const label = 'Outstanding pledges at 31 Dec 2025, unpaid part at the rate of the report date (US$)';
    document.sections[0].blocks.unshift({
      kind: 'keyFigures',
      items: [
        { label, value: '1570000.00', type: 'money' },
        { label: 'Deposits in 2025 (US$)', value: '2490000.00', type: 'money' },
        { label: 'Net funded in 2025 (US$)', value: '1000000.00', type: 'money' },
        { label: 'Expenditure for 2025 (US$)', value: '400000.00', type: 'money' },
      ],
    });
    const output = new PdfRenderer().render(document, {
      runId: '00000000-0000-4000-8000-000000000001',
      generatedAt: new Date('2026-05-02T03:00:00Z'),
      author: 'Test',
      pageDelayMs: 0,
      progress: async () => undefined,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of output.stream as Readable) chunks.push(Buffer.from(chunk));
    await output.done;
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.concat(chunks) }).toString('utf8');
    expect(text.replace(/\s+/g, ' ')).toContain(label);
  });
});
