import { ValidationError } from '../errors/domain-error';

/**
 * A list's `sort` parameter (api.md, "Conventions for routes added later"): `field` ascending,
 * `-field` descending, several comma-separated. `columns` maps each sortable field to its SQL
 * expression; an unknown field is a 400 naming it and the fields the list sorts by.
 */
export function orderByOf(sort: string | undefined, columns: Record<string, string>): string[] {
  if (!sort?.trim()) return [];
  return sort.split(',').map((part) => {
    const term = part.trim();
    const descending = term.startsWith('-');
    const field = descending ? term.slice(1) : term;
    const column = Object.prototype.hasOwnProperty.call(columns, field) ? columns[field] : undefined;
    if (!column)
      throw ValidationError.field(
        'sort',
        `cannot sort by "${field}": sortable fields are ${Object.keys(columns).join(', ')}`,
      );
    return `${column} ${descending ? 'DESC' : 'ASC'}`;
  });
}

/** `%` and `_` typed by the user are letters, not LIKE wildcards. */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A list's `q` as LIKE patterns over lower-cased text: `prefix` (`abc%`) and `contains`
 * (`%abc%`), both served by a `gin_trgm_ops` index on `lower(column)`. Null for an empty q.
 */
export function searchPatterns(
  q: string | undefined,
): { term: string; prefix: string; contains: string } | null {
  const term = q?.trim().toLowerCase();
  if (!term) return null;
  const escaped = likeEscaped(term);
  return { term, prefix: `${escaped}%`, contains: `%${escaped}%` };
}
