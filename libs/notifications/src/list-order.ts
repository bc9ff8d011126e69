import { ValidationError } from '@mptf/platform';

/**
 * `sort=` of a list (api.md's conventions: `field` ascending, `-field` descending, comma-separated)
 * as ORDER BY terms over the columns `sortable` maps the fields to, then `tail` (the default order,
 * which also makes the order total). An unknown field is a 400 naming it.
 */
export function orderByOf(sort: string | undefined, sortable: Record<string, string>, tail: string): string {
  if (!sort?.trim()) return tail;
  const terms = sort.split(',').map((raw) => {
    const term = raw.trim();
    const descending = term.startsWith('-');
    const field = descending ? term.slice(1) : term;
    const column = Object.hasOwn(sortable, field) ? sortable[field] : undefined;
    if (!column)
      throw ValidationError.field(
        'sort',
        `cannot sort by ${field || '(empty)'}; use one of ${Object.keys(sortable).join(', ')}`,
      );
    return `${column} ${descending ? 'DESC' : 'ASC'}`;
  });
  return [...terms, tail].join(', ');
}

/** A `q=` search as a LIKE pattern matching words that start with it (escaping LIKE's wildcards). */
export function prefixPattern(q: string | undefined): string | null {
  const text = q?.trim();
  if (!text) return null;
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
