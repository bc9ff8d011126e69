/** The PDF's page geometry, colours and fonts, shared by every part of the layout. */

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 64, bottom: 64, left: 50, right: 50 };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Where content must end on a page. */
export const BOTTOM = A4.height - MARGIN.bottom;
/** Where the footer text starts: generation time and run id, and "Page n of N". */
export const FOOTER_Y = A4.height - 40;

export const COLOR = {
  brand: '#0b4f8a',
  brandLight: '#e8f0f8',
  text: '#1d1d1f',
  muted: '#5f6b76',
  rule: '#c9d3dc',
  zebra: '#f5f7f9',
};

/** Distinguishable in print and for common colour-vision deficiencies. */
export const PALETTE = [
  '#1f5fa6',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#9c755f',
  '#ff9da7',
  '#bab0ac',
];

/** The names the document registers its two fonts under. */
export const FONT = { regular: 'Body', bold: 'Bold' };
