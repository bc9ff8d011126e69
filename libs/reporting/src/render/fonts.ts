import { dirname, join } from 'node:path';

/**
 * DejaVu Sans, from the dejavu-fonts-ttf npm package: TrueType (what pdfkit embeds), and it covers
 * Latin Extended, Greek and Cyrillic, so "Côte d'Ivoire", "Türkiye" and "Curaçao" render.
 */
const folder = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const REPORT_FONTS = {
  regular: join(folder, 'DejaVuSans.ttf'),
  bold: join(folder, 'DejaVuSans-Bold.ttf'),
};
