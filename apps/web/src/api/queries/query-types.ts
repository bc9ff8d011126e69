import type { paths } from '../schema';

/** The query parameters a GET route of the OpenAPI document accepts. */
export type QueryOf<Path extends keyof paths> = paths[Path] extends {
  get: { parameters: { query?: infer Query } };
}
  ? NonNullable<Query>
  : never;
