import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from './client';

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations');

export async function runMigrations(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  await handle.exclusive(() =>
    handle.kind === 'pglite'
      ? migratePglite(handle.db as unknown as PgliteDatabase, config)
      : migratePostgres(handle.db as unknown as PostgresJsDatabase, config),
  );
}

/** The newest migration of db/migrations: its `when`, as the migrators record it. */
export function latestMigration(): { tag: string; when: number } {
  const journal = JSON.parse(
    readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  const last = journal.entries.at(-1)!;
  return { tag: last.tag, when: last.when };
}

/**
 * Whether the database has every migration of db/migrations: the newest one the migrator
 * recorded (`drizzle.__drizzle_migrations`) against the newest in the folder.
 */
export async function migrationsCurrent(handle: DbHandle): Promise<boolean> {
  const rowsOf = (result: unknown) =>
    (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
      string,
      unknown
    >[];
  const [table] = rowsOf(
    await handle.db.execute(
      sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
    ),
  );
  if (!table?.present) return false;
  const [row] = rowsOf(
    await handle.db.execute(
      sql`select coalesce(max(created_at), 0)::text as at from drizzle.__drizzle_migrations`,
    ),
  );
  return Number(row?.at ?? 0) >= latestMigration().when;
}
