import PDFDocument from 'pdfkit';
import { compactRun, PLAIN_WORD, plainRun, reportFonts } from './fonts';

interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/** pdfkit's own embedded font of a fresh document (its layoutRun shapes with fontkit). */
function embeddedFont(font: object) {
  const doc = new PDFDocument({ autoFirstPage: true });
  doc.font(font as never);
  return (doc as unknown as { _font: { font: never; scale: number; layoutRun(text: string): Run } })._font;
}

const shape = (run: Run) => ({
  glyphs: run.glyphs.map((glyph) => glyph.id),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth]),
  advanceWidth: run.advanceWidth,
});

describe('plain words laid out glyph by glyph', () => {
  const characters = [...'0123456789.,%() -'];
  const words = [
    ...characters.flatMap((a) => characters.map((b) => `${a}${b}`)),
    '1,234,567.89',
    '-1,000.00 ',
    '(12.50 %)',
    '2026-03-31',
    '0.0710',
  ];

  it.each([
    ['regular', reportFonts().regular],
    ['bold', reportFonts().bold],
  ])('match fontkit’s shaping in DejaVu Sans %s', (_name, font) => {
    const embedded = embeddedFont(font);
    for (const word of words) {
      expect(PLAIN_WORD.test(word)).toBe(true);
      expect([word, shape(plainRun(embedded, word) as Run)]).toEqual([word, shape(embedded.layoutRun(word))]);
    }
  });

  it('leave words with letters to the shaper', () => {
    expect(PLAIN_WORD.test('MIG-2026-0101')).toBe(false);
    expect(PLAIN_WORD.test('Côte')).toBe(false);
  });
});

describe('shaped words kept by the shared cache (compactRun)', () => {
  const words = ['Migration', 'Programme', 'AVAST', 'Côte d’Ivoire', 'MIG-2026-0101', 'office', 'Tw', 'ff'];

  it.each([
    ['regular', reportFonts().regular],
    ['bold', reportFonts().bold],
  ])('lay out as fontkit shapes them in DejaVu Sans %s', (_name, font) => {
    const embedded = embeddedFont(font);
    for (const word of words)
      expect([word, shape(compactRun(font as never, embedded.layoutRun(word)) as Run)]).toEqual([
        word,
        shape(embedded.layoutRun(word)),
      ]);
  });

  it('share one position object per distinct position of the font (not one per glyph of every word)', () => {
    const font = reportFonts().regular;
    const embedded = embeddedFont(font);
    const first = compactRun(font as never, embedded.layoutRun('migration')) as Run;
    const second = compactRun(font as never, embedded.layoutRun('ration')) as Run;
    // "ration" is the end of "migration": the same glyphs at the same advances.
    expect(second.positions).toEqual(first.positions.slice(3));
    second.positions.forEach((position, index) => expect(position).toBe(first.positions[3 + index]));
    // Within one word too: the two i's of "migration".
    expect(first.positions[1]).toBe(first.positions[6]);
  });
});
