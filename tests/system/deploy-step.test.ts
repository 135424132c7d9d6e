import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, SERVER_URL, type TestDatabase } from './support/database';
import { bintuToken, request, signIn, submitForm } from './support/http';
import { ROOT, SECRETS, startServer, stopAllServers, type Server } from './support/server';

// Migrations as a deploy step, and a deploy as docs/deploy.md tells it: `npm run
// db:migrate`, servers started with MIGRATE_ON_START=false and nothing seeded, the first
// admin made with `npm run create-admin`, sign-up by invitation only, JSON logs.

const PORT = 3440;
const GUIDE_PORT = 3441;

/** `npm run <script>` as an operator runs it for production: `env` and little else. */
function npmRun(script: string, env: Record<string, string>): string {
  return execFileSync('npm', ['run', '--silent', script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? ROOT,
      NODE_ENV: 'production',
      ...env,
    },
    stdio: 'pipe',
    encoding: 'utf8',
  });
}

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

    npmRun('db:migrate', { DATABASE_URL: db.url });
    const after = await fetch(`${server.base}/api/health/ready`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ready' });
  });
});

describe.skipIf(!SERVER_URL)('a deploy as docs/deploy.md says', () => {
  const admin = { email: 'owner@deploy.test', password: 'first-admin-password-1' };
  let db: TestDatabase;
  let server: Server;
  let scratch: string;

  afterAll(async () => {
    await stopAllServers();
    await db?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('migrates, starts without seeding or a writable folder, makes the first admin, who signs in', async () => {
    db = await createDatabase();
    // DATA_DIR under a plain file: nothing can be created there, not even by root.
    scratch = mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
    writeFileSync(path.join(scratch, 'file'), '');
    const dataDir = path.join(scratch, 'file', 'data');
    const base = `http://127.0.0.1:${GUIDE_PORT}`;

    npmRun('db:migrate', { DATABASE_URL: db.url });
    server = await startServer({
      port: GUIDE_PORT,
      databaseUrl: db.url,
      demo: false,
      env: {
        DATA_DIR: dataDir,
        MIGRATE_ON_START: 'false',
        DATABASE_POOL_MAX: '2',
        SIGN_UP: 'invite-only',
        PUBLIC_URL: base,
        TRUST_PROXY: 'true',
      },
    });
    expect((await request(`${base}/api/health/ready`)).status).toBe(200);
    // Nothing seeded: no organisation at all until the first admin is made.
    const [orgs] = await db.sql<{ n: number }[]>`select count(*)::int as n from organisations`;
    expect(orgs?.n).toBe(0);

    const made = npmRun('create-admin', {
      DATABASE_URL: db.url,
      AUTH_SECRET: SECRETS.authSecret,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ADMIN_ORGANISATION: 'Deploy Co',
      DATA_DIR: dataDir,
    });
    expect(made).toContain(`Created ${admin.email}, Admin of "Deploy Co".`);
    expect(made).not.toContain(admin.password);

    const cookie = await signIn(base, admin.email, admin.password);
    const users = await request(`${base}/organisation/users`, { cookie });
    expect(users.status).toBe(200);
    expect(users.body).toContain(admin.email);
    // The organisation's API key, encrypted under the servers' AUTH_SECRET, reads back.
    const overview = await request(`${base}/organisation`, { cookie });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatch(/ak_[A-Za-z0-9_-]{20,}/);

    const names = await db.sql<{ name: string }[]>`select name from organisations`;
    expect(names).toEqual([{ name: 'Deploy Co' }]);
    const output = server.output();
    expect(output).not.toContain(admin.password);
    expect(output).not.toContain(SECRETS.authSecret);
    expect(output).not.toMatch(/password:/i);
  });

  it('with SIGN_UP=invite-only: no sign-up offered, and the action refuses and writes nothing', async () => {
    const signUpPage = await request(`${server.base}/sign-up`);
    expect(signUpPage.status).toBe(200);
    expect(signUpPage.body).toContain('Sign-up is by invitation');
    expect(signUpPage.body).not.toContain('name="password"');
    const signInPage = await request(`${server.base}/sign-in`);
    expect(signInPage.body).not.toContain('href="/sign-up');

    // The form an invitee gets, posted with a link that invites nobody.
    const nobody = `/invite/${'x'.repeat(43)}`;
    const refused = await submitForm(
      server.base,
      `/sign-up?callbackUrl=${encodeURIComponent(nobody)}`,
      { email: 'stranger@deploy.test', password: 'stranger-password-1' },
    );
    expect(refused.status).toBe(200);
    expect(refused.body).toContain('Sign-up is by invitation only.');
    const [written] = await db.sql<{ confirmations: number; mails: number; accounts: number }[]>`
      select (select count(*)::int from email_confirmations) as confirmations,
             (select count(*)::int from mail_outbox) as mails,
             (select count(*)::int from accounts) as accounts`;
    expect(written).toEqual({ confirmations: 0, mails: 0, accounts: 1 });
  });

  it('logs JSON lines, an API failure with the request id its answer carries', async () => {
    const token = await bintuToken(server.base, admin.email, admin.password);
    // The database goes away: the next API call fails inside its handler.
    await db.admin.unsafe(`alter database ${db.name} allow_connections false`);
    let failed;
    try {
      await db.admin`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = ${db.name} and pid <> pg_backend_pid()`;
      failed = await request(`${server.base}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
    } finally {
      await db.admin.unsafe(`alter database ${db.name} allow_connections true`);
    }
    expect(failed.status).toBe(500);
    const requestId = failed.headers.get('x-request-id');
    expect(requestId).toMatch(/^[\w.:-]{8,}$/);

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) {
      expect(line).toMatchObject({ level: expect.any(String), msg: expect.any(String) });
      expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
    }
    expect(lines.find((line) => line.requestId === requestId)).toMatchObject({
      level: 'error',
      msg: 'api request failed',
      route: 'GET /api/v1/me',
    });
    expect(server.output()).not.toContain(token);
  });
});
