import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, SERVER_URL, type TestDatabase } from './support/database';
import { request, signIn, submitForm } from './support/http';
import { ROOT, SECRETS, startServer, stopAllServers, type Server } from './support/server';

// Two instances of the app behind one load balancer share nothing but the database: the
// migrations, the sessions and the rate limits must hold across them.

const SIGN_UP_LIMIT = 3;

describe.skipIf(!SERVER_URL)('two app instances on one database (needs DATABASE_URL)', () => {
  let db: TestDatabase | undefined;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    db = await createDatabase();
    const env = { RATE_LIMITS: `signUp=${SIGN_UP_LIMIT}/60` };
    // Started at the same moment on an empty database: both migrate and seed at start.
    [a, b] = await Promise.all([
      startServer({ port: 3411, databaseUrl: db.url, env }),
      startServer({ port: 3412, databaseUrl: db.url, env }),
    ]);
  });
  afterAll(async () => {
    await stopAllServers();
    await db?.drop();
  });

  it('migrate the empty database once between them, seed it once, and both serve', async () => {
    const journal = JSON.parse(
      readFileSync(path.join(ROOT, 'db/migrations/meta/_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const applied = await db!.sql<{ hash: string; n: number }[]>`
      select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.filter((m) => m.n !== 1)).toEqual([]);
    const [demo] = await db!.sql<{ n: number }[]>`
      select count(*)::int as n from organisations where name = 'Demo Streaming Co'`;
    expect(demo!.n).toBe(1);

    for (const server of [a, b]) {
      expect(server.running()).toBe(true);
      expect((await request(`${server.base}/sign-in`)).status).toBe(200);
    }
  });

  it('accept a session made at the other instance', async () => {
    const cookie = await signIn(a.base, SECRETS.adminEmail, SECRETS.adminPassword);
    for (const server of [a, b]) {
      const page = await request(`${server.base}/organisation/users`, { cookie });
      expect(page.status, server.base).toBe(200);
      expect(page.body).toContain(SECRETS.adminEmail);
    }
  });

  it('end a session at both when it is signed out at one', async () => {
    const cookie = await signIn(a.base, SECRETS.adminEmail, SECRETS.adminPassword);
    expect((await request(`${b.base}/organisation/users`, { cookie })).status).toBe(200);

    const out = await request(`${a.base}/sign-out`, {
      method: 'POST',
      cookie,
      headers: { origin: a.base },
    });
    expect(out.status).toBe(303);

    // The old cookie, replayed at the other instance, opens nothing.
    for (const server of [b, a]) {
      const page = await request(`${server.base}/organisation/users`, { cookie });
      expect(page.status, server.base).toBeGreaterThanOrEqual(300);
      expect(page.status, server.base).toBeLessThan(400);
      expect(page.location, server.base).toMatch(/\/sign-in/);
    }
  });

  it('count sign-ups at both instances against one limit per client', async () => {
    const emails = Array.from(
      { length: SIGN_UP_LIMIT + 1 },
      (_, i) => `system-${i}-${Date.now()}@example.test`,
    );
    const outcomes: string[] = [];
    for (const [i, email] of emails.entries()) {
      const server = i % 2 ? b : a;
      const reply = await submitForm(server.base, '/sign-up', {
        email,
        password: 'system-sign-up-password',
        organisationName: `Org ${i}`,
      });
      outcomes.push(
        /Check your inbox/.test(reply.body)
          ? 'signed up'
          : /Too many sign-ups/.test(reply.body)
            ? 'refused'
            : `${reply.status}`,
      );
    }
    // On a surprise, the servers' own account of it.
    const logs = () => [a, b].map((s) => `${s.base}:\n${s.output().slice(-3000)}`).join('\n');
    expect(outcomes, logs()).toEqual([...Array(SIGN_UP_LIMIT).fill('signed up'), 'refused']);
    // Each accepted sign-up waits for its confirmation link; the refused one wrote nothing.
    const [created] = await db!.sql<{ n: number }[]>`
      select count(*)::int as n from email_confirmations
      where purpose = 'sign_up' and email in ${db!.sql(emails)}`;
    expect(created!.n).toBe(SIGN_UP_LIMIT);
  });
});
