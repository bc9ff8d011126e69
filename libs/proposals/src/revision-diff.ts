/**
 * Field-by-field difference between two revision snapshots. Nested objects become dotted paths
 * (`markers.gender`); lists of records are matched by identity, not position
 * (`budgetLines[IOM/1].amount`, `budget.byOrganization[UNICEF].total`); lists of plain values
 * (country and objective codes) compare as a whole.
 */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How to recognize the same record in two versions of a list, by path. */
const LIST_IDENTITIES: Record<string, (item: Record<string, unknown>) => string> = {
  budgetLines: (line) => `${String(line.orgCode)}/${String(line.categoryCode)}`,
  'budget.byOrganization': (org) => String(org.orgCode),
  documents: (document) => String(document.id),
  nationalPartners: (partner) => String(partner.name),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '');
}

function flatten(value: unknown, path: string, into: Map<string, unknown>): void {
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, into);
    return;
  }
  const identity = LIST_IDENTITIES[listPath(path)];
  if (Array.isArray(value) && identity && value.every(isRecord)) {
    for (const item of value) flatten(item, `${path}[${identity(item)}]`, into);
    return;
  }
  into.set(path, value === undefined ? null : value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffSnapshots(before: object, after: object): FieldChange[] {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  flatten(before, '', left);
  flatten(after, '', right);
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = left.has(field) ? left.get(field) : null;
    const to = right.has(field) ? right.get(field) : null;
    if (!same(from, to)) changes.push({ field, from: from as Json, to: to as Json });
  }
  return changes;
}
