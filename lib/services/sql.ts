// Small pieces of SQL the services share.

/**
 * A LIKE/ILIKE pattern matching `value` anywhere: `%`, `_` and `\` typed by a person are
 * literal characters, not wildcards.
 */
export function likeContaining(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
