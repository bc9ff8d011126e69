import { PdfRenderer } from './pdf-renderer';
import { RendererWarmUp } from './renderer-warm-up';
import { sampleDocument } from './sample-document';

describe('RendererWarmUp', () => {
  it('draws a multi-page sample PDF, once', async () => {
    const pdf = new PdfRenderer();
    const render = jest.spyOn(pdf, 'render');
    const pages = await new RendererWarmUp(pdf).run();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('exercises every kind of block a report draws', () => {
    const kinds = new Set(sampleDocument(40).sections.flatMap((section) => section.blocks.map((block) => block.kind)));
    expect([...kinds].sort()).toEqual(['barChart', 'donutChart', 'facts', 'keyFigures', 'paragraph', 'table']);
  });
});
