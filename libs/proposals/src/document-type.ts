/**
 * What an uploaded file really is, from its bytes (never from its name or the client's header):
 * PDF by its `%PDF-` signature; DOCX and XLSX are ZIP packages told apart by their entries
 * (`word/…` or `xl/…`, next to `[Content_Types].xml`).
 */
export interface DetectedType {
  format: 'pdf' | 'docx' | 'xlsx';
  contentType: string;
  extension: string;
}

export const ACCEPTED_TYPES: Record<DetectedType['format'], DetectedType> = {
  pdf: { format: 'pdf', contentType: 'application/pdf', extension: '.pdf' },
  docx: {
    format: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: '.docx',
  },
  xlsx: {
    format: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: '.xlsx',
  },
};

const PDF_MAGIC = Buffer.from('%PDF-');
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** Entry names of a ZIP archive, read from its central directory; null when it is not a ZIP. */
export function zipEntryNames(content: Buffer): string[] | null {
  if (content.length < 22 || content.readUInt32LE(0) !== ZIP_LOCAL_HEADER) return null;
  // The end record sits in the last 22 bytes plus an optional comment of up to 65535 bytes.
  const earliest = Math.max(0, content.length - 22 - 0xffff);
  let end = -1;
  for (let offset = content.length - 22; offset >= earliest; offset--) {
    if (content.readUInt32LE(offset) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      end = offset;
      break;
    }
  }
  if (end < 0) return null;
  const count = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > content.length) return null;
    names.push(content.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The accepted type of `content`, or null when it is none of PDF, DOCX, XLSX. */
export function detectDocumentType(content: Buffer): DetectedType | null {
  if (content.length >= PDF_MAGIC.length && content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC))
    return ACCEPTED_TYPES.pdf;
  const names = zipEntryNames(content);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  if (names.some((name) => name.startsWith('word/'))) return ACCEPTED_TYPES.docx;
  if (names.some((name) => name.startsWith('xl/'))) return ACCEPTED_TYPES.xlsx;
  return null;
}

/** A filename safe for storage and Content-Disposition: no paths, no control characters. */
export function safeFilename(name: string, extension: string): string {
  // NFC first: macOS sends "é" as e + a combining accent, which the filter below would replace.
  const base = (name.normalize('NFC').split(/[\\/]/).pop() ?? '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  const stem = base || 'document';
  return stem.toLowerCase().endsWith(extension) ? stem : `${stem}${extension}`;
}
