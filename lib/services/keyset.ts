import 'server-only';
import { sql, type AnyColumn } from 'drizzle-orm';
import { z } from 'zod';

// Keyset pagination (docs/performance.md, "Pages"): a page starts after (or before) the
// row the link came from, on the index of its order, so the thousandth page costs what
// the first does. A cursor is that row's key in the order, as base64url-encoded JSON; it
// is validated like any input and only ever compared to columns as bound parameters.

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds when it fits `schema`; null for anything else. */
export function decodeCursor<T>(raw: string | undefined, schema: z.ZodType<T>): T | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A timestamp to the microsecond, as `timestampKey` renders it (a JS Date keeps ms). */
export const instantKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  .refine((v) => {
    const ms = Date.parse(`${v.slice(0, 23)}Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 23) === v.slice(0, 23);
  });

/** A timestamptz column as text to the microsecond, for a cursor. */
export const timestampKey = (column: AnyColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
