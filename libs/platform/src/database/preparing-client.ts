import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** Distinct statements one connection keeps prepared; later ones run unnamed (bounded server memory). */
export const MAX_PREPARED_PER_CONNECTION = 250;

/**
 * A pg client that prepares each parameterized statement once per connection and then only binds
 * and executes it. TypeORM sends every query unnamed, so PostgreSQL parsed and planned each one
 * again: half of the database's CPU on the intake path (bench: create + submit is ~25
 * statements). The name is a hash of the text, so the same text always reuses its statement and
 * two texts never share one. Queries without parameters (transaction control, DDL of scripts) and
 * query objects (streams, cursors) pass through unchanged.
 *
 * Off with DATABASE_PREPARED_STATEMENTS=false, e.g. behind a pooler in transaction mode that does
 * not track prepared statements (PgBouncer before 1.21).
 */
export class PreparingClient extends Client {
  private readonly statementNames = new Map<string, string>();

  // pg's query has a dozen overloads; this forwards whatever it was given.
  override query(...args: unknown[]): never {
    const [text, values, ...rest] = args;
    const name =
      typeof text === 'string' && Array.isArray(values) && values.length > 0 ? this.nameOf(text) : undefined;
    const forward = super.query.bind(this) as (...forwarded: unknown[]) => never;
    return name ? forward({ name, text }, values, ...rest) : forward(...args);
  }

  private nameOf(text: string): string | undefined {
    const known = this.statementNames.get(text);
    if (known || this.statementNames.size >= MAX_PREPARED_PER_CONNECTION) return known;
    const name = `mptf_${createHash('sha1').update(text).digest('base64url')}`;
    this.statementNames.set(text, name);
    return name;
  }
}
