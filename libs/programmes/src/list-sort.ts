import { ValidationError } from '@mptf/platform';

/**
 * `sort=dueDate,-reference` as an ORDER BY over the given columns (api.md's route conventions); an
 * unknown field is a 400 naming it.
 */
export function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string): string {
  if (!sort?.trim()) return fallback;
  const parts = sort
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const clauses = parts.map((part) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    const column = columns[field];
    if (!column)
      throw new ValidationError(`sort: unknown field ${field}`, [
        {
          field: 'sort',
          rule: 'KNOWN_FIELD',
          message: `unknown field ${field}; one of ${Object.keys(columns).join(', ')}`,
        },
      ]);
    return `${column} ${descending ? 'DESC' : 'ASC'}`;
  });
  return `${clauses.join(', ')}, ${fallback}`;
}

/** A prefix search term for ILIKE, with the pattern characters escaped. */
export function prefixPattern(q: string): string {
  return `${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
