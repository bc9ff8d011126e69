import { A4, BOTTOM, COLOR, CONTENT_WIDTH, FONT, FOOTER_Y, MARGIN } from './pdf-style';
import { PdfFlow } from './pdf-flow';

/**
 * The page furniture: the cover, the running header and footer of every page, and "Page n of N"
 * once the last page is known. What goes around the content, never the content itself.
 */

/** Draws with the page's margins lifted, so drawing there does not trigger pdfkit's page break. */
function outsideMargins(flow: PdfFlow, draw: () => void): void {
  const { doc } = flow;
  const margins = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  draw();
  doc.page.margins = margins;
}

/** Header (from page 2) and footer of a new page; the content then starts at the top margin. */
export function decoratePage(flow: PdfFlow): void {
  const { doc, document, context } = flow;
  outsideMargins(flow, () => {
    if (flow.pageIndex > 0) {
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .fillColor(COLOR.muted)
        .text(`UN Migration Multi-Partner Trust Fund · ${document.title}`, MARGIN.left, 30, {
          width: CONTENT_WIDTH,
          lineBreak: false,
          ellipsis: true,
        });
      flow.rule(44, 0.5, COLOR.rule);
    }
    flow.rule(FOOTER_Y - 8, 0.5, COLOR.rule);
    const generated = context.generatedAt.toISOString().slice(0, 16).replace('T', ' ');
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .fillColor(COLOR.muted)
      .text(`Generated ${generated} UTC · Run ${context.runId}`, MARGIN.left, FOOTER_Y, {
        width: CONTENT_WIDTH * 0.75,
        lineBreak: false,
      });
  });
  // "Page n of N": N is known at the end, when this page is already written.
  flow.late.reserve(flow.pageIndex);
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  doc.fillColor(COLOR.text);
}

/** "Page n of N" on every page, once N is known (into the place each page kept for it). */
export function numberPages(flow: PdfFlow, count: number): void {
  const { doc } = flow;
  flow.late.fill((index) =>
    outsideMargins(flow, () => {
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .fillColor(COLOR.muted)
        .text(`Page ${index + 1} of ${count}`, MARGIN.left, FOOTER_Y, {
          width: CONTENT_WIDTH,
          align: 'right',
          lineBreak: false,
        });
    }),
  );
}

/** The cover: the fund's band, the title, the subtitle and the document's metadata. */
export function drawCover(flow: PdfFlow): void {
  const { doc, document } = flow;
  doc.addPage();
  doc.rect(0, 0, A4.width, 230).fill(COLOR.brand);
  doc
    .font(FONT.bold)
    .fontSize(11)
    .fillColor('#ffffff')
    .text('UN MIGRATION MULTI-PARTNER TRUST FUND', MARGIN.left, 70, {
      width: CONTENT_WIDTH,
      characterSpacing: 1,
    });
  doc
    .font(FONT.regular)
    .fontSize(9.5)
    .fillColor('#d6e4f2')
    .text('Supporting the implementation of the Global Compact for Safe, Orderly and Regular Migration', {
      width: CONTENT_WIDTH,
    });
  doc
    .font(FONT.bold)
    .fontSize(26)
    .fillColor(COLOR.text)
    .text(document.title, MARGIN.left, 290, { width: CONTENT_WIDTH });
  if (document.subtitle) {
    doc.moveDown(0.4).font(FONT.regular).fontSize(14).fillColor(COLOR.muted).text(document.subtitle, {
      width: CONTENT_WIDTH,
    });
  }
  doc.moveDown(1.5);
  const labelWidth = 150;
  for (const item of document.metadata) {
    const y = doc.y;
    doc.font(FONT.regular).fontSize(10).fillColor(COLOR.muted).text(item.label, MARGIN.left, y, {
      width: labelWidth,
    });
    const labelBottom = doc.y;
    doc
      .font(FONT.regular)
      .fillColor(COLOR.text)
      .text(item.value, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
    doc.y = Math.max(doc.y, labelBottom) + 4;
  }
  doc
    .font(FONT.regular)
    .fontSize(8.5)
    .fillColor(COLOR.muted)
    .text(
      'Amounts in US dollars unless stated otherwise. Figures are computed from one consistent snapshot of the fund’s records at the time of generation.',
      MARGIN.left,
      BOTTOM - 40,
      { width: CONTENT_WIDTH },
    );
  doc.fillColor(COLOR.text);
}
