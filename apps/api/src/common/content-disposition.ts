/**
 * `Content-Disposition: attachment` for a download (RFC 6266): an ASCII fallback for old clients and
 * the exact name in UTF-8 (RFC 8187: everything but its attr-chars percent-encoded).
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
