import { ReportSection } from '../../document/report-document';
import { BOTTOM, COLOR, CONTENT_WIDTH, FONT, MARGIN } from './pdf-style';
import { PdfFlow } from './pdf-flow';

/**
 * The table of contents (pages kept after the cover, drawn once the layout knows where
 * everything went) and the PDF bookmarks (outline) with the same entries.
 */

export interface ContentsEntry {
  title: string;
  /** 0: a section, 1: a table or chart in it. */
  level: 0 | 1;
  /** 0-based page index. */
  pageIndex: number;
  children: ContentsEntry[];
}

const LINE_HEIGHT = 15;
const HEADING_SPACE = 40;
const LINES_PER_PAGE = Math.floor((BOTTOM - MARGIN.top - HEADING_SPACE) / LINE_HEIGHT);
/** More lines than this and the contents lists the sections only. */
const MAX_CONTENTS_PAGES = 2;

export const isTitled = (kind: string) => kind === 'table' || kind === 'barChart' || kind === 'donutChart';

/** Whether the contents lists tables and charts too, or only the sections. */
export function contentsDetail(sections: readonly ReportSection[]): { withBlocks: boolean; pages: number } {
  const listed = sections.filter((section) => !section.hideFromContents);
  const all = listed.reduce(
    (sum, section) => sum + 1 + section.blocks.filter((block) => isTitled(block.kind)).length,
    0,
  );
  const withBlocks = Math.ceil(all / LINES_PER_PAGE) <= MAX_CONTENTS_PAGES;
  const lines = withBlocks ? all : listed.length;
  return { withBlocks, pages: Math.max(1, Math.ceil(lines / LINES_PER_PAGE)) };
}

/**
 * Draws the contents on the pages kept for them after the cover (PdfFlow.keepFrontPages): title,
 * dotted leader, page number, a link. Drawn last, when every entry's page is known.
 */
export function drawContents(flow: PdfFlow, entries: ContentsEntry[], withBlocks: boolean): void {
  const { doc } = flow;
  const lines = entries.flatMap((entry) => [entry, ...(withBlocks ? entry.children : [])]);
  flow.drawFrontPages((pageNumber) => {
    doc.y = MARGIN.top;
    flow.heading(pageNumber === 0 ? 'Contents' : 'Contents (continued)');
    const first = pageNumber * LINES_PER_PAGE;
    for (let line = first; line < first + LINES_PER_PAGE && line < lines.length; line++) {
      const entry = lines[line];
      const y = doc.y;
      const indent = entry.level * 16;
      const numberWidth = 30;
      const page = String(entry.pageIndex + 1);
      doc
        .font(entry.level === 0 ? FONT.bold : FONT.regular)
        .fontSize(entry.level === 0 ? 10 : 9)
        .fillColor(entry.level === 0 ? COLOR.text : COLOR.muted);
      const titleWidth = CONTENT_WIDTH - indent - numberWidth - 12;
      const shown = Math.min(doc.widthOfString(entry.title), titleWidth);
      doc.text(entry.title, MARGIN.left + indent, y, {
        width: titleWidth,
        height: LINE_HEIGHT,
        lineBreak: false,
        ellipsis: true,
      });
      // A dotted leader from the title to the page number.
      const leaderStart = MARGIN.left + indent + shown + 4;
      const leaderEnd = MARGIN.left + CONTENT_WIDTH - numberWidth - 2;
      if (leaderEnd > leaderStart) {
        doc
          .moveTo(leaderStart, y + 8)
          .lineTo(leaderEnd, y + 8)
          .lineWidth(0.6)
          .dash(0.6, { space: 2.4 })
          .strokeColor(COLOR.rule)
          .stroke()
          .undash();
      }
      doc.text(page, MARGIN.left + CONTENT_WIDTH - numberWidth, y, {
        width: numberWidth,
        align: 'right',
        lineBreak: false,
      });
      linkToPage(doc, MARGIN.left + indent, y - 2, CONTENT_WIDTH - indent, LINE_HEIGHT, entry.pageIndex);
      doc.y = y + LINE_HEIGHT;
    }
    doc.fillColor(COLOR.text);
  });
}

/** pdfkit takes a page index for an internal link; its typings know only URLs. */
function linkToPage(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, page: number) {
  (doc.link as unknown as (x: number, y: number, w: number, h: number, page: number) => void).call(
    doc,
    x,
    y,
    w,
    h,
    page,
  );
}

/** pdfkit's outline item; its typings leave out the page an item opens. */
interface OutlineItem {
  addItem(title: string, options: { pageNumber: number; fit: boolean; expanded?: boolean }): OutlineItem;
}

/** The PDF bookmarks: a section, and under it its tables and charts, each opening its page. */
export function addOutline(flow: PdfFlow, entries: ContentsEntry[]): void {
  const root = flow.doc.outline as unknown as OutlineItem;
  for (const entry of entries) {
    const item = root.addItem(entry.title, { pageNumber: entry.pageIndex, fit: true, expanded: false });
    for (const child of entry.children) item.addItem(child.title, { pageNumber: child.pageIndex, fit: true });
  }
}
