/**
 * Adds a value to a statement's parameters and returns its placeholder. Row-level rules written
 * as SQL conditions take one, so the same rule serves a plain statement ($1, $2…) and a TypeORM
 * query builder (:name).
 */
export type BindParam = (value: unknown) => string;

/** Positional placeholders ($n) appended to `params`. */
export function positionalParams(params: unknown[]): BindParam {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/** Named placeholders (:prefix0, :prefix1…) collected in `params`, for a query builder. */
export function namedParams(params: Record<string, unknown>, prefix: string): BindParam {
  return (value) => {
    const name = `${prefix}${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  };
}
