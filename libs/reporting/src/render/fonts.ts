import { Font, openSync } from 'fontkit';
import { dirname, join } from 'node:path';

/**
 * DejaVu Sans, from the dejavu-fonts-ttf npm package: TrueType (what pdfkit embeds), and it covers
 * Latin Extended, Greek and Cyrillic, so "Côte d'Ivoire", "Türkiye" and "Curaçao" render.
 */
const folder = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const REPORT_FONT_FILES = {
  regular: join(folder, 'DejaVuSans.ttf'),
  bold: join(folder, 'DejaVuSans-Bold.ttf'),
};

let parsed: { regular: Font; bold: Font } | undefined;

/**
 * The report fonts parsed once per process. Given a file, pdfkit parses it again for every
 * document (about 25 ms each, twice per report); a parsed font is shared instead, and its glyph
 * metrics stay cached between documents. Each document still embeds its own subset.
 */
export function reportFonts(): { regular: Font; bold: Font } {
  parsed ??= {
    regular: openSync(REPORT_FONT_FILES.regular) as Font,
    bold: openSync(REPORT_FONT_FILES.bold) as Font,
  };
  return parsed;
}
