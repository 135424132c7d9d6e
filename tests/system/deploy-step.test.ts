import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, SERVER_URL, type TestDatabase } from './support/database';
import { ROOT, startServer, stopAllServers } from './support/server';

// Migrations as a deploy step (docs/deploy.md): a server started with
// MIGRATE_ON_START=false on a database nobody migrated yet leaves it alone and says so at
// /api/health/ready; `npm run db:migrate` then makes it ready, without a restart.

const PORT = 3440;

describe.skipIf(!SERVER_URL)('migrations as a deploy step', () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await stopAllServers();
    await db?.drop();
  });

  it('the server does not migrate, reports not ready, and is ready once `npm run db:migrate` ran', async () => {
    db = await createDatabase();
    const server = await startServer({
      port: PORT,
      databaseUrl: db.url,
      env: { MIGRATE_ON_START: 'false', DATABASE_POOL_MAX: '2' },
    });
    // Liveness answers; readiness does not, and nothing was created.
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    const before = await fetch(`${server.base}/api/health/ready`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({
      status: 'not ready',
      reason: 'The database lacks migrations: run `npm run db:migrate`.',
    });
    const [tables] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    expect(tables?.n).toBe(0);

    execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'db/migrate-cli.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, NODE_ENV: 'production' },
      stdio: 'pipe',
    });
    const after = await fetch(`${server.base}/api/health/ready`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ready' });
  });
});
