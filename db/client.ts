import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: reads accept both. */
export type Queryable = Database | Tx;

export interface DbHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** PGlite only: the data folder as a gzipped tarball. */
  dump?: () => Promise<Blob>;
  /** Runs `fn` holding a cluster-wide lock, so concurrent starts migrate once. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
}

const MIGRATION_LOCK = 727_364_101;

export function openPostgres(
  url: string,
  opts: { prepare?: boolean; max?: number } = {},
): DbHandle {
  const sql = postgres(url, {
    prepare: opts.prepare ?? true,
    max: opts.max ?? 10,
    onnotice: () => {},
  });
  return {
    db: drizzlePostgres(sql, { schema }) as unknown as Database,
    kind: 'postgres',
    close: () => sql.end({ timeout: 5 }),
    exclusive: async (fn) => {
      const conn = await sql.reserve();
      try {
        await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
        return await fn();
      } finally {
        await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
        conn.release();
      }
    },
  };
}

/**
 * An embedded PostgreSQL; `dataDir` undefined keeps it in memory (tests). `template`, a
 * dumped data folder, replaces initdb when the folder holds no database yet.
 */
export function openPglite(dataDir?: string, template?: Blob): DbHandle {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const fresh = !dataDir || !existsSync(path.join(dataDir, 'PG_VERSION'));
  const client = new PGlite({
    dataDir,
    extensions: { pg_trgm },
    ...(fresh && template ? { loadDataDir: template } : {}),
  });
  return {
    dump: () => client.dumpDataDir('gzip') as Promise<Blob>,
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: 'pglite',
    close: () => client.close(),
    exclusive: (fn) => fn(),
  };
}

/** The migrated empty database that `npm run build` leaves in .next, if present. */
function readBuildTemplate(): Blob | undefined {
  const file = path.resolve(process.cwd(), '.next/pglite-template.tar.gz');
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

// One client per process: pages, route handlers, middleware and instrumentation are
// separate bundles, and PGlite must open its data folder exactly once.
const g = globalThis as typeof globalThis & { __dbHandle?: DbHandle };

export function dbHandle(): DbHandle {
  if (!g.__dbHandle) {
    const { DATABASE_URL, DATABASE_PREPARE, DATA_DIR } = env();
    g.__dbHandle = DATABASE_URL
      ? openPostgres(DATABASE_URL, { prepare: DATABASE_PREPARE })
      : openPglite(path.resolve(DATA_DIR, 'pgdata'), readBuildTemplate());
  }
  return g.__dbHandle;
}

export function getDb(): Database {
  return dbHandle().db;
}

/** Replace the process's database (tests and CLIs that open their own). */
export function setDbHandle(handle: DbHandle | undefined): void {
  g.__dbHandle = handle;
}
