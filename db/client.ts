import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql as drizzleSql, type Placeholder } from 'drizzle-orm';
import { PgPreparedQuery, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
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
  /**
   * The same database, for statements whose best plan depends on their values (a search
   * matching three members or all of them): planned anew on every call. PostgreSQL
   * otherwise settles on one generic plan per prepared statement after five calls.
   */
  planned?: Database;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
  /** PGlite only: the data folder as a gzipped tarball. */
  dump?: () => Promise<Blob>;
  /** Runs `fn` holding a cluster-wide lock, so concurrent starts migrate once. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
}

const MIGRATION_LOCK = 727_364_101;

/**
 * A failed query as logs and callers see it: the SQLSTATE (or the driver's error code)
 * and the kind of statement, never the statement's values. Drizzle's own error puts
 * every parameter in its message, and the drivers' errors carry them too; a parameter
 * can be a secret (an encrypted key, a password hash), so neither leaves this file.
 */
export class DatabaseError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly operation: string,
  ) {
    super(`Database error ${code ?? 'unknown'} in ${operation}`);
    this.name = 'DatabaseError';
  }
}

function operationOf(statement: string): string {
  const verb = /^\s*(\w+)/.exec(statement)?.[1]?.toLowerCase() ?? 'query';
  const table = /\b(?:from|into|update)\s+"?(\w+)"?/i.exec(statement)?.[1];
  return table ? `${verb} ${table}` : verb;
}

function codeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

// Every query of both drivers goes through this method of drizzle's prepared query.
const preparedQuery = PgPreparedQuery.prototype as unknown as {
  queryWithCache: (statement: string, params: unknown[], run: () => Promise<unknown>) => unknown;
  __sanitized?: boolean;
};
if (!preparedQuery.__sanitized) {
  const original = preparedQuery.queryWithCache;
  preparedQuery.queryWithCache = async function (statement, params, run) {
    try {
      return await original.call(this, statement, params, run);
    } catch (err) {
      throw new DatabaseError(codeOf(err), operationOf(statement));
    }
  };
  preparedQuery.__sanitized = true;
}

export function openPostgres(
  url: string,
  opts: { prepare?: boolean; max?: number } = {},
): DbHandle {
  const options = {
    prepare: opts.prepare ?? true,
    max: opts.max ?? 10,
    onnotice: () => {},
    // After failed connects postgres.js waits longer before each new one, up to 20 s by
    // default, and requests queue meanwhile: a database restart of a few seconds kept
    // requests waiting and the server down for 20 s more. Retry within half a second.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    connect_timeout: 10,
  };
  const sql = postgres(url, options);
  // A few connections of their own, opened on first use, whose statements are planned for
  // each call's values (docs/performance.md, "Queries").
  const plannedSql = postgres(url, {
    ...options,
    max: Math.max(1, Math.ceil(options.max / 3)),
    connection: { plan_cache_mode: 'force_custom_plan' },
  });
  return {
    db: drizzlePostgres(sql, { schema }) as unknown as Database,
    planned: drizzlePostgres(plannedSql, { schema }) as unknown as Database,
    kind: 'postgres',
    close: async () => {
      await Promise.all([sql.end({ timeout: 5 }), plannedSql.end({ timeout: 5 })]);
    },
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
    const { DATABASE_URL, DATABASE_PREPARE, DATABASE_POOL_MAX, DATA_DIR } = env();
    g.__dbHandle = DATABASE_URL
      ? openPostgres(DATABASE_URL, { prepare: DATABASE_PREPARE, max: DATABASE_POOL_MAX })
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

const statements = new WeakMap<Database, Map<string, unknown>>();

/**
 * A row limit written into a prepared statement's text rather than bound as a parameter.
 * PostgreSQL costs `LIMIT $n` as a tenth of the table, so a cached plan for a statement
 * ending in one always looks dearer than planning each call: the user list's page and
 * its five newest invitations were planned anew on every request (about 0.4 ms each).
 * With the limit in the text, PostgreSQL settles on one plan after five calls
 * (docs/performance.md, "Queries"). drizzle binds a numeric limit as a parameter; raw SQL
 * its types do not name but its dialect renders (`limit ${limit}` of an object). `n` is a
 * size of ours, never a caller's text: one statement per size, so only for a few sizes.
 */
export function literalLimit(n: number): Placeholder {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a row limit: ${n}`);
  return drizzleSql.raw(String(n)) as unknown as Placeholder;
}

/**
 * A read on a hot path (every request's actor, the user list), built once per database
 * and variant and from then on only executed (docs/performance.md, "Queries"): building a
 * drizzle query costs the server more than PostgreSQL spends answering it. `build` gets
 * every value through `sql.placeholder` and ends in `.prepare(name)`. `planEachCall` runs
 * it where PostgreSQL plans it for each call's values (`DbHandle.planned`).
 */
export function prepared<T>(
  key: string,
  build: (db: Database) => T,
  opts: { planEachCall?: boolean } = {},
): T {
  const handle = dbHandle();
  const db = (opts.planEachCall && handle.planned) || handle.db;
  let byKey = statements.get(db);
  if (!byKey) statements.set(db, (byKey = new Map()));
  let statement = byKey.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    byKey.set(key, statement);
  }
  return statement;
}
