import type { Response } from 'supertest';

/** A CSV answer's body as text (supertest buffers text/csv as text). */
export function csvText(response: Response): string {
  return typeof response.text === 'string'
    ? response.text
    : Buffer.from(response.body as Buffer).toString('utf8');
}

/** The rows of a CSV document (RFC 4180: quoted cells, doubled quotes, CRLF), BOM removed. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The CSV of a list as records keyed by header, after checking the file's framing. */
export function csvRecords(response: Response): Record<string, string>[] {
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[\w-]+\.csv"/);
  const text = csvText(response);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text);
  return rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]])));
}
