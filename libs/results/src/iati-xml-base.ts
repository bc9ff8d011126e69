/**
 * IATI 2.03 XML written by hand (no XML library): every text and attribute goes through
 * `escapeText` / `escapeAttribute`; callers emit elements in the order the XSD's sequences require.
 */

// Characters XML 1.0 does not allow at all (C0 controls except tab/newline/return, U+FFFE/FFFF,
// unpaired surrogates): dropped rather than escaped, since no escape makes them legal.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep line breaks and tabs as character references. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

type Attributes = Record<string, string | number | boolean | null | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/** `<name attrs>children</name>`, or self-closing without children. */
export function element(name: string, attrs: Attributes = {}, children: string | string[] = ''): string {
  const body = Array.isArray(children) ? children.join('') : children;
  return body ? `<${name}${attributes(attrs)}>${body}</${name}>` : `<${name}${attributes(attrs)}/>`;
}

export function narrative(text: string): string {
  return `<narrative>${escapeText(text)}</narrative>`;
}
