import { and, asc, count, eq, gt, inArray, max, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, openPostgres, type Database } from '@/db/client';
import { accounts, auditEvents, invitations, memberships, roles } from '@/db/schema';
import { newTokenKey } from '@/lib/credentials';
import { ADMIN_PERMISSIONS, ALL_AUDIENCES, ALL_PERMISSIONS, isAdminLevel } from '@/lib/rbac';
import { NO_CONTEXT, resolveMemberActor, roleGrants, type Actor } from '@/lib/services/actor';
import { answerInvitation } from '@/lib/services/invite-answers';
import { createInvitation } from '@/lib/services/invitations';
import { deleteMember, resetMemberToken, updateMemberRole } from '@/lib/services/members';
import { hitRateLimit } from '@/lib/services/rate-limit';
import type { Result } from '@/lib/services/result';
import { createRole, deleteRole, updateRole } from '@/lib/services/roles';
import { createTag, listTags, renameTag } from '@/lib/services/tags';
import { usingPostgres, withTestDatabase } from './support/db';
import {
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
  TEST_ORIGIN,
} from './support/fixtures';

// PGlite has one connection and runs transactions one after another, so on it these
// "simultaneous" calls never overlap and the tests could not fail. They run on
// PostgreSQL, where the test database's pool (10 connections) really runs them at once.
const RACES = 'races (PostgreSQL only: PGlite runs transactions one at a time)';

withTestDatabase();

/** A deterministic shuffle, so a failing interleaving can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** How many members hold an admin-level role, read in one statement (one snapshot). */
async function adminCount(organisationId: string, db: Database = getDb()): Promise<number> {
  const rows = await db
    .select({ key: roles.key, permissions: roles.permissions, audiences: roles.audiences })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(eq(memberships.organisationId, organisationId));
  return rows.filter((r) => isAdminLevel(roleGrants(r).permissions)).length;
}

/**
 * A connection of its own (the pool's are all taken by a burst) that reads the admin
 * count again and again until `done` settles. Bounded in count and time.
 */
async function adminWatcher(organisationId: string) {
  // postgres.js returns the rows themselves (this runs on PostgreSQL only).
  const [row] = (await getDb().execute(sql`select current_database() as name`)) as unknown as {
    name: string;
  }[];
  const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${row!.name}` });
  const own = openPostgres(url.toString(), { max: 1 });
  const samples = [await adminCount(organisationId, own.db)];
  return async (done: Promise<unknown>): Promise<number[]> => {
    let finished = false;
    void done.finally(() => (finished = true));
    const deadline = Date.now() + 30_000;
    try {
      while (!finished && samples.length < 500 && Date.now() < deadline) {
        samples.push(await adminCount(organisationId, own.db));
      }
    } finally {
      await own.close();
    }
    return samples;
  };
}

async function eventsSince(organisationId: string, afterId: number) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), gt(auditEvents.id, afterId)))
    .orderBy(asc(auditEvents.id));
}

/** The newest event of the organisation so far: later ones are the burst's. */
async function lastEventId(organisationId: string): Promise<number> {
  const [row] = await getDb()
    .select({ id: max(auditEvents.id) })
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId));
  return row?.id ?? 0;
}

type Op =
  | {
      kind: 'role';
      target: string;
      run: () => Promise<Result<{ tokenKey: string }>>;
    }
  | { kind: 'reset'; target: string; run: () => Promise<Result<{ tokenKey: string }>> }
  | { kind: 'delete'; target: string; run: () => Promise<Result> }
  | { kind: 'editRole'; description: string; run: () => Promise<Result> }
  | { kind: 'deleteRole'; target: string; run: () => Promise<Result> };

describe.skipIf(!usingPostgres)(RACES, () => {
  it('keeps an admin, audits each change once and keeps Token Keys in step under 50 concurrent changes', async () => {
    // Four admins: two with the default Admin role, two with a custom admin-level role
    // (Owners); one User whose token is reset; one unused custom role.
    const founder = await createOrganisation();
    const org = founder.organisationId;
    const [adminRole, readonlyRole, userRole] = await Promise.all([
      roleId(org, 'admin'),
      roleId(org, 'readonly'),
      roleId(org, 'user'),
    ]);
    const owners = await createRole(founder, {
      name: 'Owners',
      description: 'initial',
      permissions: ALL_PERMISSIONS,
      audiences: ALL_AUDIENCES,
    });
    const spare = await createRole(founder, {
      name: 'Spare',
      permissions: ['streams:read'],
      audiences: ['dashboard'],
    });
    if (!owners.ok || !spare.ok) throw new Error('setup: custom roles');
    const admins: Actor[] = [
      founder,
      await addMember(org, 'admin'),
      await addMember(org, { id: owners.roleId }),
      await addMember(org, { id: owners.roleId }),
    ];
    const member = await addMember(org, 'user');
    expect(await adminCount(org)).toBe(4);

    const initial = new Map(
      (
        await getDb()
          .select({ id: memberships.id, tokenKey: memberships.tokenKey })
          .from(memberships)
          .where(eq(memberships.organisationId, org))
      ).map((m) => [m.id, m.tokenKey]),
    );
    const baseline = await lastEventId(org);

    // 50 operations, each acted by one of the admins (resolved before the burst, as a
    // request resolves its actor before it changes anything).
    const by = (i: number) => admins[i % admins.length]!;
    const changeRole = (target: Actor, to: string, i: number): Op => ({
      kind: 'role',
      target: target.membershipId!,
      run: () => updateMemberRole(by(i), { membershipId: target.membershipId, roleId: to }),
    });
    const remove = (target: Actor, i: number): Op => ({
      kind: 'delete',
      target: target.membershipId!,
      run: () => deleteMember(by(i), { membershipId: target.membershipId }),
    });
    const reset = (target: Actor, i: number): Op => ({
      kind: 'reset',
      target: target.membershipId!,
      run: () => resetMemberToken(by(i), { membershipId: target.membershipId }),
    });
    const editOwners = (i: number, adminLevel: boolean): Op => {
      const description = `edit ${i}`;
      const permissions = adminLevel
        ? ALL_PERMISSIONS
        : ALL_PERMISSIONS.filter((p) => p !== 'users:delete');
      return {
        kind: 'editRole',
        description,
        run: () =>
          updateRole(by(i), {
            roleId: owners.roleId,
            name: 'Owners',
            description,
            permissions,
            audiences: ALL_AUDIENCES,
          }),
      };
    };
    const removeSpare = (i: number): Op => ({
      kind: 'deleteRole',
      target: spare.roleId,
      run: () => deleteRole(by(i), { roleId: spare.roleId }),
    });

    // The first wave (fewer than the pool's 10 connections, so it starts at once) tries
    // to take away every admin: each change alone would be allowed.
    const [f, a1, o1, o2] = admins as [Actor, Actor, Actor, Actor];
    const firstWave = [
      changeRole(f, readonlyRole, 1),
      remove(a1, 2),
      changeRole(o1, readonlyRole, 3),
      remove(o2, 0),
      editOwners(0, false),
    ];
    const rest: Op[] = [];
    admins.forEach((a, n) => {
      rest.push(changeRole(a, readonlyRole, n + 1), changeRole(a, adminRole, n + 2));
      rest.push(remove(a, n + 3));
    });
    for (let i = 1; i <= 5; i++) rest.push(editOwners(i, i % 2 === 1));
    rest.push(removeSpare(0), removeSpare(1));
    for (let i = 0; i < 14; i++) rest.push(reset(member, i));
    for (let i = 0; i < 6; i++) rest.push(changeRole(member, i % 2 ? userRole : readonlyRole, i));
    for (let i = 0; i < 6; i++) rest.push(reset(f, i));
    const order = [...firstWave, ...shuffle(rest, 20_240_611)];
    expect(order).toHaveLength(50);

    const watch = await adminWatcher(org);
    const burst = Promise.allSettled(order.map((op) => op.run()));
    const [settled, samples] = await Promise.all([burst, watch(burst)]);

    // Nothing threw (a deadlock or a serialization error would reach a person as a 500).
    const thrown = settled.filter((s) => s.status === 'rejected');
    expect(
      thrown.map((s) => {
        const err = (s as PromiseRejectedResult).reason as Error & { code?: string };
        return `${err.code ?? ''} ${err.message}`;
      }),
    ).toEqual([]);
    const results = settled.map((s) => (s as PromiseFulfilledResult<Result>).value);
    const outcome = order.map((op, i) => ({ op, result: results[i]! }));
    const failures = outcome.filter((o) => !o.result.ok);
    for (const { result } of failures) {
      expect(['conflict', 'not_found']).toContain(!result.ok && result.code);
    }

    // At least one admin, at every moment we looked and at the end.
    expect(
      samples.every((n) => n >= 1),
      JSON.stringify(samples),
    ).toBe(true);
    expect(await adminCount(org)).toBeGreaterThanOrEqual(1);

    // Exactly one event per successful change, none for the failed ones.
    const events = await eventsSince(org, baseline);
    const succeeded = outcome.filter((o) => o.result.ok);
    expect(events, JSON.stringify(outcome.map((o) => o.result.ok))).toHaveLength(succeeded.length);
    const after = (e: (typeof events)[number]) => (e.after ?? {}) as Record<string, unknown>;
    for (const { op, result } of succeeded) {
      const matching = events.filter((e) => {
        switch (op.kind) {
          case 'role':
          case 'reset':
            return (
              e.action === (op.kind === 'role' ? 'member.role_changed' : 'member.token_reset') &&
              e.targetId === op.target &&
              after(e).tokenKey === (result as { tokenKey?: string }).tokenKey
            );
          case 'delete':
            return e.action === 'member.deleted' && e.targetId === op.target;
          case 'editRole':
            return e.action === 'role.updated' && after(e).description === op.description;
          case 'deleteRole':
            return e.action === 'role.deleted' && e.targetId === op.target;
        }
      });
      expect(matching, `${op.kind} ${JSON.stringify(result)}`).toHaveLength(1);
    }
    expect(succeeded.filter((o) => o.op.kind === 'deleteRole')).toHaveLength(1);

    // Token Keys: per member, the audited changes form one chain (each starts from the
    // key the previous one left), and the member's key is the one the last change set.
    const finalRows = await getDb()
      .select({ id: memberships.id, tokenKey: memberships.tokenKey, roleId: memberships.roleId })
      .from(memberships)
      .where(eq(memberships.organisationId, org));
    const finals = new Map(finalRows.map((m) => [m.id, m]));
    for (const [id, firstKey] of initial) {
      const chain = events.filter((e) => e.targetId === id && e.action.startsWith('member.'));
      let key = firstKey;
      for (const e of chain) {
        expect((e.before as { tokenKey?: string } | null)?.tokenKey, e.action).toBe(key);
        if (e.action !== 'member.deleted') key = after(e).tokenKey as string;
      }
      const row = finals.get(id);
      const deleted = chain.some((e) => e.action === 'member.deleted');
      expect(!row, id).toBe(deleted);
      if (!row) continue;
      expect(row.tokenKey).toBe(key);
      const lastRoleChange = chain.filter((e) => e.action === 'member.role_changed').at(-1);
      if (lastRoleChange) expect(row.roleId).toBe(after(lastRoleChange).roleId);
    }
  });

  it('lets exactly one of 50 simultaneous accepts of one invitation succeed', async () => {
    const admin = await createOrganisation();
    const invited = await createInvitation(
      admin,
      {
        roleId: await roleId(admin.organisationId, 'user'),
      },
      TEST_ORIGIN,
    );
    if (!invited.ok) throw new Error(invited.error);
    const people = await getDb()
      .insert(accounts)
      .values(Array.from({ length: 50 }, () => ({ email: uniqueEmail('invitee') })))
      .returning({ id: accounts.id, email: accounts.email });
    const baseline = await lastEventId(admin.organisationId);

    const results = await Promise.all(
      people.map((p) => answerInvitation(p, invited.token, 'accept', NO_CONTEXT)),
    );

    const winners = people.filter((_, i) => results[i]!.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(49).fill({ ok: false, reason: 'used' }));
    const joined = await getDb()
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.organisationId, admin.organisationId),
          inArray(
            memberships.accountId,
            people.map((p) => p.id),
          ),
        ),
      );
    expect(joined.map((m) => m.accountId)).toEqual([winners[0]!.id]);
    const [inv] = await getDb()
      .select()
      .from(invitations)
      .where(eq(invitations.id, invited.invitationId));
    expect(inv!.acceptedByAccountId).toBe(winners[0]!.id);
    const events = await eventsSince(admin.organisationId, baseline);
    expect(
      events.map((e) => [e.action, (e.after as { membershipId?: string }).membershipId]),
    ).toEqual([['invitation.accepted', joined[0]!.id]]);
  });

  it('holds when two admins demote each other at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await createOrganisation();
      const b = await addMember(a.organisationId, 'admin');
      const userRole = await roleId(a.organisationId, 'user');
      const results = await Promise.all([
        updateMemberRole(a, { membershipId: b.membershipId, roleId: userRole }),
        updateMemberRole(b, { membershipId: a.membershipId, roleId: userRole }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await adminCount(a.organisationId)).toBe(1);
    }
  });

  it('holds when two admins delete each other at the same moment', async () => {
    const a = await createOrganisation();
    const b = await addMember(a.organisationId, 'admin');
    const results = await Promise.all([
      deleteMember(a, { membershipId: b.membershipId }),
      deleteMember(b, { membershipId: a.membershipId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [left] = await getDb()
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.organisationId, a.organisationId));
    expect(left!.n).toBe(1);
  });

  it('holds when a role edit, a demotion and a deletion race', async () => {
    for (let round = 0; round < 3; round++) {
      // The founder steps down: only the two holders of a custom role are admins.
      const founder = await createOrganisation();
      const org = founder.organisationId;
      const custom = await createRole(founder, {
        name: 'Owners',
        permissions: ALL_PERMISSIONS,
        audiences: ALL_AUDIENCES,
      });
      if (!custom.ok) throw new Error(custom.error);
      const a0 = await addMember(org, { id: custom.roleId });
      const b = await addMember(org, { id: custom.roleId });
      const userRole = await roleId(org, 'user');
      expect(
        (await updateMemberRole(a0, { membershipId: founder.membershipId, roleId: userRole })).ok,
      ).toBe(true);
      const a = (await resolveMemberActor({ accountId: a0.accountId!, organisationId: org }))!;

      await Promise.all([
        // b demotes a (leaving b as the only admin) while a strips the role's admin rights.
        updateMemberRole(b, { membershipId: a.membershipId, roleId: userRole }),
        updateRole(a, {
          roleId: custom.roleId,
          name: 'Owners',
          permissions: ADMIN_PERMISSIONS.filter((p) => p !== 'roles:manage'),
          audiences: ALL_AUDIENCES,
        }),
        deleteMember(a, { membershipId: b.membershipId }),
      ]);
      expect(await adminCount(org)).toBeGreaterThanOrEqual(1);
    }
  });

  it('lets exactly one of two simultaneous tag creates or renames take a name', async () => {
    const admin = await createOrganisation();
    const creates = await Promise.all([
      createTag(admin, { name: 'race' }),
      createTag(admin, { name: 'RACE' }),
    ]);
    expect(creates.filter((r) => r.ok)).toHaveLength(1);
    expect(creates.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });

    const made = await Promise.all([
      createTag(admin, { name: 'a' }),
      createTag(admin, { name: 'b' }),
    ]);
    const [a, b] = made.map((r) => (r.ok ? r.tag : null));
    const renames = await Promise.all([
      renameTag(admin, { tagId: a!.id, name: 'same' }),
      renameTag(admin, { tagId: b!.id, name: 'Same' }),
    ]);
    expect(renames.filter((r) => r.ok)).toHaveLength(1);
    expect(renames.find((r) => !r.ok)).toMatchObject({ code: 'conflict' });
    const names = (await listTags(admin)).map((t) => t.name.toLowerCase());
    expect(names).toHaveLength(3);
    expect(names.filter((n) => n === 'same')).toHaveLength(1);
  });

  it('counts 40 simultaneous hits of one rate limit exactly', async () => {
    const key = `race:${newTokenKey()}`;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => hitRateLimit(key, { limit: 10, windowSeconds: 60 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
