import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { openPglite, openPostgres, setDbHandle, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { TEMPLATE_FILE } from './paths';

export const usingPostgres = !!process.env.DATABASE_URL;

/**
 * A database of this test file's own: a new database on the PostgreSQL server when
 * DATABASE_URL is set, else an in-memory PGlite loaded from the migrated template.
 * Dropped (or closed) after use. `empty` skips the migrations.
 */
export async function createTestDatabase(
  opts: { empty?: boolean } = {},
): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = opts.empty
      ? openPglite()
      : openPglite(undefined, new Blob([readFileSync(TEMPLATE_FILE)]));
    if (!opts.empty) await runMigrations(handle);
    return { handle, drop: () => handle.close() };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = openPostgres(dbUrl.toString(), { max: 10 });
  if (!opts.empty) await runMigrations(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Gives the whole test file one database, installed as the process's database. */
export function withTestDatabase(): { handle: () => DbHandle } {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    setDbHandle(db.handle);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await db?.drop();
  });
  return {
    handle: () => {
      if (!db) throw new Error('test database not ready');
      return db.handle;
    },
  };
}
