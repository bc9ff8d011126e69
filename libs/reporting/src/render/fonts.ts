import type * as Fontkit from 'fontkit';
import type { Font } from 'fontkit';
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
  // Loaded here, at the first report, so the API (which renders none) never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openSync } = require('fontkit') as typeof Fontkit;
  parsed ??= {
    regular: openSync(REPORT_FONT_FILES.regular) as Font,
    bold: openSync(REPORT_FONT_FILES.bold) as Font,
  };
  return parsed;
}

/** Words whose shaping one font keeps for the process; past it the cache starts again. */
export const MAX_SHARED_WORDS = 30_000;

/** What pdfkit's embedded font (private to pdfkit) holds that matters here. */
interface EmbeddedFontInternals {
  font: Font;
  scale: number;
  layoutCache?: Record<string, unknown>;
  layoutCached(text: string): PlainRun | unknown;
  layoutRun(text: string): unknown;
}

/** A laid-out word as pdfkit reads it: glyphs, their positions (in 1/1000 em) and the width. */
interface PlainRun {
  glyphs: unknown[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/**
 * Words made only of these characters (amounts, percentages, counts, dates) are laid out glyph by
 * glyph: in DejaVu Sans nothing substitutes or kerns them, so shaping gives each glyph its own
 * advance (fonts.spec compares every pair with fontkit's shaping). Tables are mostly such words
 * and nearly every amount is a new word: shaping them was most of the renderer's fontkit time,
 * and caching them most of the shared cache.
 */
export const PLAIN_WORD = /^[0-9.,%() -]+$/;

const plainGlyphs = new Map<Font, Map<string, { glyph: unknown; position: PlainRun['positions'][number] }>>();

/** `text` (PLAIN_WORD) laid out as pdfkit's layoutRun would, from each character's glyph. */
export function plainRun(embedded: Pick<EmbeddedFontInternals, 'font' | 'scale'>, text: string): PlainRun {
  let known = plainGlyphs.get(embedded.font);
  if (!known) plainGlyphs.set(embedded.font, (known = new Map()));
  const glyphs: unknown[] = [];
  const positions: PlainRun['positions'] = [];
  let advanceWidth = 0;
  for (const char of text) {
    let entry = known.get(char);
    if (!entry) {
      const glyph = embedded.font.glyphForCodePoint(char.codePointAt(0) as number);
      const advance = glyph.advanceWidth * embedded.scale;
      entry = {
        glyph,
        position: { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance },
      };
      known.set(char, entry);
    }
    glyphs.push(entry.glyph);
    positions.push(entry.position);
    advanceWidth += entry.position.xAdvance;
  }
  return { glyphs, positions, advanceWidth };
}

const sharedLayouts = new Map<Font, Record<string, unknown>>();

type Position = PlainRun['positions'][number];
const sharedPositions = new Map<Font, Map<string, Position>>();

/**
 * What the shared cache keeps of a shaped word: its glyphs (fontkit's, shared per font), one
 * position object per distinct position of the font instead of one per glyph of every word, and
 * the width. A position is five numbers pdfkit only reads (justified text copies the one it
 * changes), and most repeat: a glyph's unkerned advance. Each position object with its five
 * boxed numbers was most of a cached word (about 900 bytes of an eight-letter word; the annual
 * report's ~60,000 words kept 55 MB between reports).
 */
export function compactRun(font: Font, shaped: PlainRun): PlainRun {
  let known = sharedPositions.get(font);
  if (!known) sharedPositions.set(font, (known = new Map()));
  const positions = shaped.positions.map((position) => {
    const key = `${position.xAdvance} ${position.yAdvance} ${position.xOffset} ${position.yOffset} ${position.advanceWidth}`;
    let shared = known.get(key);
    if (!shared) {
      const { xAdvance, yAdvance, xOffset, yOffset, advanceWidth } = position;
      shared = { xAdvance, yAdvance, xOffset, yOffset, advanceWidth };
      known.set(key, shared);
    }
    return shared;
  });
  return { glyphs: [...shaped.glyphs], positions, advanceWidth: shaped.advanceWidth };
}

/**
 * Lets the document's fonts reuse the shaping of words other documents of this process already
 * did. pdfkit shapes each word once per document (fontkit's substitution and positioning
 * lookups: a third of a contributor statement's rendering) and keeps the result in a cache of
 * the document's font object; statements repeat the same programme references, titles and
 * amounts. The cached runs are glyphs of the shared parsed font and positions that pdfkit only
 * reads, so they serve any document; each still embeds its own subset of the glyphs it used.
 */
export function shareWordLayouts(doc: PDFKit.PDFDocument, fontNames: string[]): void {
  for (const name of fontNames) {
    doc.font(name);
    const embedded = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
    if (!embedded?.layoutCache) continue;
    let shared = sharedLayouts.get(embedded.font);
    if (!shared || Object.keys(shared).length > MAX_SHARED_WORDS) {
      shared = Object.create(null) as Record<string, unknown>;
      sharedLayouts.set(embedded.font, shared);
    }
    embedded.layoutCache = shared;
    const cache = shared;
    const layoutRun = embedded.layoutRun.bind(embedded);
    embedded.layoutCached = (text: string) => {
      if (PLAIN_WORD.test(text)) return plainRun(embedded, text);
      let run = cache[text] as PlainRun | undefined;
      if (!run) {
        // Only what pdfkit reads of a cached word (fontkit's run also keeps its script, language,
        // direction and features), its positions shared (compactRun): the process keeps the
        // cache between reports.
        run = compactRun(embedded.font, layoutRun(text) as PlainRun);
        cache[text] = run;
      }
      return run;
    };
  }
}
