import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import * as schema from '@/db/schema';

// What the database holds, cheaply enough to take before and after every request: per
// table of db/schema, its row count and the newest row version (the largest xmin, which
// every insert and update raises), so any insert, update or delete shows.

export type Fingerprint = Record<string, { rows: number; newest: string }>;

const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

/** Every table of db/schema by its SQL name. */
export const TABLE_NAMES = tables.map((t) => getTableConfig(t).name).sort();

/**
 * The query for `fingerprint`: each table but `skip`, and again for the rows of
 * `organisationId` alone where a table has an organisation column.
 */
export function fingerprintQuery(opts: { skip: string[]; organisationId: string }) {
  const digest = (label: string, from: string) =>
    `select '${label}' as t, count(*)::int as n, ` +
    `coalesce(max(x.xmin::text::bigint), 0)::text as v from ${from}`;
  const parts: string[] = [];
  for (const table of tables) {
    const { name, columns } = getTableConfig(table);
    if (opts.skip.includes(name)) continue;
    parts.push(digest(name, `"${name}" x`));
    const column =
      name === 'organisations'
        ? 'id'
        : columns.some((c) => c.name === 'organisation_id')
          ? 'organisation_id'
          : null;
    if (column) {
      const where = `"${name}" x where x.${column} = '${opts.organisationId.replace(/'/g, '')}'`;
      parts.push(digest(`${name} of ${opts.organisationId}`, where));
    }
  }
  return sql.raw(parts.join(' union all '));
}

export async function fingerprint(query: ReturnType<typeof fingerprintQuery>) {
  const result = await getDb().execute(query);
  // postgres-js returns the rows themselves, PGlite wraps them in { rows }.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    t: string;
    n: number;
    v: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.t, { rows: r.n, newest: r.v }])) as Fingerprint;
}

/** The tables (or organisation slices) that differ between two fingerprints. */
export function changed(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after).filter(
    (k) => before[k]?.rows !== after[k]!.rows || before[k]?.newest !== after[k]!.newest,
  );
}

/** What changed, for a failure message: "table: 3 rows → 4 rows". */
export function describeChanges(before: Fingerprint, after: Fingerprint): string[] {
  return changed(before, after).map(
    (k) => `${k}: ${before[k]?.rows} rows → ${after[k]!.rows} rows (newest ${after[k]!.newest})`,
  );
}
