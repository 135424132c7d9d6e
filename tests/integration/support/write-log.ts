import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import * as schema from '@/db/schema';

// Every row written to the test database, logged by triggers: which table, which
// organisation the row belongs to, and how (INSERT, UPDATE, DELETE); a member's activity
// stamp alone is not logged (docs/product.md, "Access review"). One cheap query after
// a request tells what it wrote, in any table of db/schema, however the write was made.
// Row counts per table (`rowCounts`) cross-check the log.

const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

/** Every table of db/schema by its SQL name. */
export const TABLE_NAMES = tables.map((t) => getTableConfig(t).name).sort();

export interface Write {
  id: number;
  table: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
  /** The organisation the row belongs to, where it can be told. */
  org: string | null;
  /** The action of an audit event. */
  action: string | null;
}

function rowsOf<T>(result: unknown): T[] {
  // postgres-js returns the rows themselves, PGlite wraps them in { rows }.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Installs the log on every table of db/schema but `skip`. */
export async function installWriteLog({ skip }: { skip: string[] }) {
  const db = getDb();
  await db.execute(sql`create table fuzz_writes (
    id bigserial primary key, tbl text not null, op text not null, org text, action text)`);
  await db.execute(sql`create function fuzz_log_write() returns trigger language plpgsql as $$
    declare
      r jsonb;
      org text;
    begin
      -- A member's activity stamp alone (last_active_at, last_used_at) is bookkeeping
      -- every authenticated request may write, at most every few minutes, not a change.
      if TG_OP = 'UPDATE' and TG_TABLE_NAME in ('memberships', 'bintu_tokens')
        and to_jsonb(NEW) - 'last_active_at' - 'last_used_at'
          = to_jsonb(OLD) - 'last_active_at' - 'last_used_at' then
        return null;
      end if;
      if TG_OP = 'DELETE' then r := to_jsonb(OLD); else r := to_jsonb(NEW); end if;
      org := case TG_TABLE_NAME
        when 'organisations' then r->>'id'
        when 'stream_tags' then (select organisation_id::text from streams where id = (r->>'stream_id')::uuid)
        when 'bintu_tokens' then (select organisation_id::text from memberships where id = (r->>'membership_id')::uuid)
        else r->>'organisation_id'
      end;
      insert into fuzz_writes (tbl, op, org, action) values (TG_TABLE_NAME, TG_OP, org, r->>'action');
      return null;
    end $$`);
  for (const name of TABLE_NAMES.filter((n) => !skip.includes(n))) {
    await db.execute(
      sql.raw(`create trigger fuzz_log_write after insert or update or delete on "${name}"
        for each row execute function fuzz_log_write()`),
    );
  }
}

/** The writes logged after `since` (a write id; 0 for all). */
export async function writesSince(since: number): Promise<Write[]> {
  const result = await getDb().execute(
    sql`select id::int, tbl as "table", op, org, action from fuzz_writes where id > ${since} order by id`,
  );
  return rowsOf<Write>(result);
}

/** The id of the last write logged. */
export async function lastWrite(): Promise<number> {
  const result = await getDb().execute(
    sql`select coalesce(max(id), 0)::int as id from fuzz_writes`,
  );
  return rowsOf<{ id: number }>(result)[0]!.id;
}

/** The number of rows in each table of db/schema. */
export async function rowCounts(): Promise<Record<string, number>> {
  const result = await getDb().execute(
    sql.raw(
      TABLE_NAMES.map((n) => `select '${n}' as t, count(*)::int as n from "${n}"`).join(
        ' union all ',
      ),
    ),
  );
  return Object.fromEntries(rowsOf<{ t: string; n: number }>(result).map((r) => [r.t, r.n]));
}

/**
 * Rows holding a control character (C0 but tab, line feed and carriage return; DEL; C1)
 * in any text, varchar or jsonb column of db/schema, as "table.column: n rows". In jsonb,
 * C0 characters appear as \u escapes.
 */
export async function controlCharactersStored(): Promise<string[]> {
  const checks: string[] = [];
  for (const table of tables) {
    const { name, columns } = getTableConfig(table);
    for (const column of columns) {
      const type = column.getSQLType();
      if (!/^(text|varchar|character|jsonb)/.test(type)) continue;
      const raw = `x."${column.name}"::text ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]'`;
      const escaped = type.startsWith('jsonb')
        ? ` or x."${column.name}"::text ~* '\\\\u00([01][0-9a-f]|7f|[89][0-9a-f])'`
        : '';
      checks.push(
        `select '${name}.${column.name}' as c, count(*)::int as n from "${name}" x where ${raw}${escaped}`,
      );
    }
  }
  const result = await getDb().execute(sql.raw(checks.join(' union all ')));
  return rowsOf<{ c: string; n: number }>(result)
    .filter((r) => r.n > 0)
    .map((r) => `${r.c}: ${r.n} rows`);
}
