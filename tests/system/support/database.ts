import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** The PostgreSQL server the system tests run against; they skip without one. */
export const SERVER_URL = process.env.DATABASE_URL;
export const SKIP_REASON = 'needs PostgreSQL: set DATABASE_URL';

export interface TestDatabase {
  name: string;
  url: string;
  /** A client of the test's own on this database, to read what the server wrote. */
  sql: postgres.Sql;
  /** A client on the server's maintenance database, for ALTER DATABASE and the like. */
  admin: postgres.Sql;
  drop: () => Promise<void>;
}

/** A new, empty database (the server under test migrates and seeds it). */
export async function createDatabase(): Promise<TestDatabase> {
  if (!SERVER_URL) throw new Error(SKIP_REASON);
  const name = `sys_${randomBytes(6).toString('hex')}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name,
    url,
    sql,
    admin,
    drop: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
