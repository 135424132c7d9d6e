// Small pieces of SQL the services share.

/**
 * A LIKE/ILIKE pattern matching `value` anywhere: `%`, `_` and `\` typed by a person are
 * literal characters, not wildcards.
 */
export function likeContaining(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The rows of `db.execute(sql…)`: postgres-js returns them, PGlite wraps them in `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
