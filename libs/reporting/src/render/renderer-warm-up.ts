import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { PdfRenderer } from './pdf-renderer';
import { sampleDocument } from './sample-document';

/**
 * Renders a small sample PDF (every kind of block) into nothing, once, when a worker starts: the
 * first report of a process otherwise pays for loading pdfkit and fontkit, parsing the fonts'
 * layout tables and compiling the renderer (about 1–1.5 s of CPU, measured in bench/README
 * "statements with 4 workers"), and a deploy's first reports would each wait for it.
 */
@Injectable()
export class RendererWarmUp {
  constructor(private readonly pdf: PdfRenderer) {}

  /** Resolves with the sample's page count once it is drawn; nothing is stored. */
  async run(): Promise<number> {
    const output = this.pdf.render(sampleDocument(40), {
      runId: '00000000-0000-4000-8000-000000000000',
      generatedAt: new Date(0),
      author: 'warm-up',
      pageDelayMs: 0,
      progress: async () => undefined,
    });
    for await (const _chunk of output.stream as Readable) {
      // Drained: the bytes only had to be made.
    }
    const { pages } = await output.done;
    return pages ?? 0;
  }
}
