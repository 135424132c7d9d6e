import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { accounts, auditEvents, memberships, organisations, roles } from '@/db/schema';
import { runMigrations } from '@/db/migrate';
import { DEFAULT_ROLES } from '@/lib/rbac';
import { signUp, verifySignIn } from '@/lib/services/accounts';
import { resolveMemberActor } from '@/lib/services/actor';
import { hitRateLimit } from '@/lib/services/rate-limit';
import {
  endAllSessions,
  endSession,
  listSessions,
  revokeSession,
  startSession,
} from '@/lib/services/sessions';
import { createTestDatabase, withTestDatabase } from './support/db';
import { PASSWORD, addMember, createOrganisation, uniqueEmail } from './support/fixtures';

withTestDatabase();

async function totals() {
  const db = getDb();
  const [a] = await db.select({ n: count() }).from(accounts);
  const [o] = await db.select({ n: count() }).from(organisations);
  const [m] = await db.select({ n: count() }).from(memberships);
  return { accounts: a!.n, organisations: o!.n, memberships: m!.n };
}

describe('sign-up', () => {
  it('creates the account, an organisation with default roles and an Admin membership', async () => {
    const email = uniqueEmail('founder');
    const result = await signUp({
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      organisationName: 'Acme Live',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const db = getDb();
    const [account] = await db.select().from(accounts).where(eq(accounts.id, result.accountId));
    expect(account!.email).toBe(email);
    expect(account!.passwordHash).toMatch(/^scrypt\$/);
    expect(account!.passwordHash).not.toContain(PASSWORD);

    const [org] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.id, result.organisationId!));
    expect(org!.name).toBe('Acme Live');
    const orgRoles = await db.select().from(roles).where(eq(roles.organisationId, org!.id));
    expect(orgRoles.map((r) => r.name).sort()).toEqual(['Admin', 'ReadOnly', 'User']);

    const actor = await resolveMemberActor({ accountId: result.accountId });
    expect(actor?.organisationId).toBe(org!.id);
    expect(actor?.role.name).toBe('Admin');
    expect([...actor!.permissions].sort()).toEqual([...DEFAULT_ROLES.admin.permissions].sort());

    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organisationId, org!.id));
    expect(events.map((e) => e.action)).toEqual(['organisation.created']);
  });

  it('refuses a duplicate email and writes nothing', async () => {
    const email = uniqueEmail('dup');
    expect((await signUp({ email, password: PASSWORD })).ok).toBe(true);
    const before = await totals();
    const again = await signUp({ email: email.toUpperCase(), password: `${PASSWORD}!` });
    expect(again).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { email: expect.stringMatching(/already exists/) },
    });
    expect(await totals()).toEqual(before);
  });

  it('refuses bad input with a message per field and writes nothing', async () => {
    const before = await totals();
    const result = await signUp({ email: 'not-an-email', password: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid');
    expect(result.fieldErrors?.email).toMatch(/valid email/);
    expect(result.fieldErrors?.password).toMatch(/12 characters/);
    expect(await totals()).toEqual(before);
  });
});

describe('the actor', () => {
  it('resolves role and permissions from the database on every call', async () => {
    const admin = await createOrganisation();
    const viewer = await addMember(admin.organisationId, 'readonly');
    expect(viewer.role.name).toBe('ReadOnly');
    expect(viewer.permissions.has('streams:read')).toBe(true);
    expect(viewer.permissions.has('users:read')).toBe(false);
    expect([...viewer.audiences].sort()).toEqual(['api', 'dashboard']);

    // A change in the database shows on the very next resolution.
    const [userRole] = await getDb()
      .select()
      .from(roles)
      .where(sql`${roles.organisationId} = ${admin.organisationId} and ${roles.key} = 'user'`);
    await getDb()
      .update(memberships)
      .set({ roleId: userRole!.id })
      .where(eq(memberships.id, viewer.membershipId!));
    const again = await resolveMemberActor({
      accountId: viewer.accountId!,
      organisationId: admin.organisationId,
    });
    expect(again?.role.name).toBe('User');
    expect(again?.permissions.has('users:read')).toBe(true);

    await getDb().delete(memberships).where(eq(memberships.id, viewer.membershipId!));
    expect(await resolveMemberActor({ accountId: viewer.accountId! })).toBeNull();
  });

  it('acts in the chosen organisation only when the account belongs to it', async () => {
    const first = await createOrganisation('First');
    const second = await createOrganisation('Second');
    const member = await addMember(first.organisationId, 'user');
    const inSecond = await resolveMemberActor({
      accountId: member.accountId!,
      organisationId: second.organisationId,
    });
    expect(inSecond?.organisationId).toBe(first.organisationId);
  });

  it('ends one session on sign-out and every session when signing out everywhere', async () => {
    const admin = await createOrganisation();
    const context = { ip: '192.0.2.1', userAgent: 'test', requestId: null };
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => startSession(admin.accountId!, context)),
    );
    const alive = (sessionId: string) =>
      resolveMemberActor({ accountId: admin.accountId!, sessionId });
    expect(await alive(a!)).not.toBeNull();
    // A session id of another account, or none, is no session.
    const other = await createOrganisation();
    expect(await resolveMemberActor({ accountId: other.accountId!, sessionId: a! })).toBeNull();
    expect(await alive('')).toBeNull();
    expect(await alive('not-a-uuid')).toBeNull();

    await endSession(a!);
    expect(await alive(a!)).toBeNull();
    expect(await alive(b!)).not.toBeNull();
    // Revoking from /account: only the account's own sessions.
    expect(await revokeSession(other.accountId!, { sessionId: b })).toMatchObject({ ok: false });
    expect(await revokeSession(admin.accountId!, { sessionId: b })).toMatchObject({ ok: true });
    expect(await alive(b!)).toBeNull();
    expect((await listSessions(admin.accountId!, c!)).map((s) => [s.id, s.current])).toEqual([
      [c, true],
    ]);

    await endAllSessions(admin.accountId!);
    expect(await alive(c!)).toBeNull();
  });
});

describe('sign-in', () => {
  it('accepts the right password, refuses a wrong one and records the failure', async () => {
    const admin = await createOrganisation();
    expect(await verifySignIn({ email: admin.label, password: PASSWORD })).toMatchObject({
      ok: true,
    });
    expect(await verifySignIn({ email: admin.label, password: 'wrong password!' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifySignIn({ email: uniqueEmail('nobody'), password: PASSWORD })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const failures = await getDb()
      .select()
      .from(auditEvents)
      .where(
        sql`${auditEvents.organisationId} = ${admin.organisationId} and ${auditEvents.action} = 'auth.sign_in_failed'`,
      );
    expect(failures).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('counts hits in a window shared through the database', async () => {
    const key = `test:${Math.random()}`;
    const rule = { limit: 3, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 5 }, () => hitRateLimit(key, rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(results.find((r) => !r.allowed)?.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('migrations', () => {
  it('apply to an empty database and are idempotent', async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      await runMigrations(fresh.handle);
      await runMigrations(fresh.handle);
      const tables = await fresh.handle.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const names =
        (tables as unknown as { rows?: { table_name: string }[] }).rows ??
        (tables as unknown as { table_name: string }[]);
      expect(names.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'accounts',
          'organisations',
          'memberships',
          'roles',
          'invitations',
          'bintu_tokens',
          'audit_events',
          'streams',
          'tags',
          'rate_limit_buckets',
        ]),
      );
    } finally {
      await fresh.drop();
    }
  });
});
