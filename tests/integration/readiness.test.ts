import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { describe, expect, it } from 'vitest';
import { dbHandle, type DbHandle } from '@/db/client';
import { latestMigration, migrationsCurrent } from '@/db/migrate';
import { withTestDatabase } from './support/db';

// Readiness (docs/deploy.md): the database holds every migration of db/migrations, as
// /api/health/ready and a start with MIGRATE_ON_START=false read it.

withTestDatabase();

describe('migrationsCurrent', () => {
  it('is true for a migrated database, false once its newest migration is missing', async () => {
    const handle = dbHandle();
    expect(await migrationsCurrent(handle)).toBe(true);
    const { when } = latestMigration();
    const db = handle.db;
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${when}`);
    try {
      expect(await migrationsCurrent(handle)).toBe(false);
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('restored', ${when})`,
      );
    }
    expect(await migrationsCurrent(handle)).toBe(true);
  });

  it('is false for a database nobody migrated', async () => {
    const empty = new PGlite();
    try {
      const handle = { db: drizzle(empty) } as unknown as DbHandle;
      expect(await migrationsCurrent(handle)).toBe(false);
    } finally {
      await empty.close();
    }
  });
});
