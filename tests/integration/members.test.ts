import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { accounts, auditEvents, memberships, roles } from '@/db/schema';
import { TOKEN_KEY_PATTERN } from '@/lib/credentials';
import { resolveMemberActor, type Actor } from '@/lib/services/actor';
import {
  deleteMember,
  getMember,
  listMembers,
  resetMemberToken,
  updateMemberRole,
} from '@/lib/services/members';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId } from './support/fixtures';

withTestDatabase();

async function eventsFor(organisationId: string, action: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.action, action)));
}

async function membershipOf(actor: Actor) {
  const [row] = await getDb()
    .select()
    .from(memberships)
    .where(eq(memberships.id, actor.membershipId!));
  return row;
}

async function customRole(organisationId: string, name: string, permissions: string[]) {
  const [role] = await getDb()
    .insert(roles)
    .values({ organisationId, name, permissions, audiences: ['dashboard', 'api'] })
    .returning();
  return role!;
}

describe('the user list', () => {
  it('filters by role, searches email case-insensitively, sorts and paginates within the organisation', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    await addMember(other.organisationId, 'user', `zed-outsider-${Date.now()}@other.test`);
    for (let i = 0; i < 7; i++)
      await addMember(
        admin.organisationId,
        i % 2 ? 'user' : 'readonly',
        `p${i}.person_${i}@list.test`,
      );

    const all = await listMembers(admin, { size: '25' });
    expect(all.total).toBe(8);
    expect(all.rows.every((r) => !r.email.includes('outsider'))).toBe(true);
    // Newest first by default.
    const created = all.rows.map((r) => r.createdAt.getTime());
    expect([...created].sort((a, b) => b - a)).toEqual(created);

    const readonly = await listMembers(admin, {
      role: await roleId(admin.organisationId, 'readonly'),
    });
    expect(readonly.total).toBe(4);
    expect(readonly.rows.every((r) => r.role.name === 'ReadOnly')).toBe(true);

    const search = await listMembers(admin, { q: 'P3.PERSON' });
    expect(search.rows.map((r) => r.email)).toEqual(['p3.person_3@list.test']);
    // An underscore typed by a person is a character, not a wildcard.
    expect((await listMembers(admin, { q: 'person_5' })).total).toBe(1);
    expect((await listMembers(admin, { q: 'p%n' })).total).toBe(0);

    const byEmail = await listMembers(admin, { sort: 'email' });
    const emails = byEmail.rows.map((r) => r.email);
    expect([...emails].sort()).toEqual(emails);

    const byRole = await listMembers(admin, { sort: 'role' });
    const names = byRole.rows.map((r) => r.role.name);
    expect([...names].sort()).toEqual(names);

    // 8 members, but the smallest page size is 25: one page, no link onwards.
    expect(all).toMatchObject({ next: null, prev: null, from: 1 });

    // Nonsense in the URL falls back to defaults instead of failing.
    const odd = await listMembers(admin, { size: '7', sort: 'drop table', role: 'x', from: '-3' });
    expect(odd.query).toMatchObject({
      size: 25,
      sort: 'created',
      role: undefined,
      from: undefined,
    });
  });

  it('pages through more members than fit on one page', async () => {
    const admin = await createOrganisation();
    for (let i = 0; i < 30; i++) await addMember(admin.organisationId, 'readonly');
    const first = await listMembers(admin, { size: '25', sort: 'email' });
    const second = await listMembers(admin, { size: '25', sort: 'email', after: first.next! });
    expect(first.total).toBe(31);
    expect(second.next).toBeNull();
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(6);
    const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(ids.size).toBe(31);
  });

  it('is not shown to ReadOnly', async () => {
    const admin = await createOrganisation();
    const viewer = await addMember(admin.organisationId, 'readonly');
    await expect(listMembers(viewer, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getMember(viewer, admin.membershipId!)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('never returns a member of another organisation', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    expect(await getMember(admin, other.membershipId!)).toBeNull();
    expect(await getMember(admin, 'not-a-uuid')).toBeNull();
    expect((await getMember(admin, admin.membershipId!))?.email).toBe(admin.label);
  });
});

describe('Update Permission', () => {
  it('changes the role, replaces the Token Key and records before and after', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'readonly');
    const before = await membershipOf(member);
    const userRole = await roleId(admin.organisationId, 'user');

    const result = await updateMemberRole(admin, {
      membershipId: member.membershipId,
      roleId: userRole,
    });
    expect(result).toMatchObject({ ok: true, role: { name: 'User' } });

    const after = await membershipOf(member);
    expect(after!.roleId).toBe(userRole);
    expect(after!.tokenKey).not.toBe(before!.tokenKey);
    expect(after!.tokenKey).toMatch(TOKEN_KEY_PATTERN);

    const again = await resolveMemberActor({
      accountId: member.accountId!,
      organisationId: admin.organisationId,
    });
    expect(again?.permissions.has('users:read')).toBe(true);

    const [event] = await eventsFor(admin.organisationId, 'member.role_changed');
    expect(event).toMatchObject({
      actorAccountId: admin.accountId,
      targetType: 'member',
      targetId: member.membershipId,
      targetLabel: member.label,
      before: { role: 'ReadOnly', tokenKey: before!.tokenKey },
      after: { role: 'User', tokenKey: after!.tokenKey },
    });
  });

  it('is forbidden to User and ReadOnly, and changes nothing', async () => {
    const admin = await createOrganisation();
    const target = await addMember(admin.organisationId, 'readonly');
    const adminRole = await roleId(admin.organisationId, 'admin');
    for (const role of ['user', 'readonly'] as const) {
      const actor = await addMember(admin.organisationId, role);
      const before = await membershipOf(target);
      expect(
        await updateMemberRole(actor, { membershipId: target.membershipId, roleId: adminRole }),
      ).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await resetMemberToken(actor, { membershipId: target.membershipId })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await deleteMember(actor, { membershipId: target.membershipId })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await membershipOf(target)).toEqual(before);
    }
    const [n] = await getDb()
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, admin.organisationId),
          sql`${auditEvents.action} like 'member.%'`,
        ),
      );
    expect(n!.n).toBe(0);
  });

  it('refuses members and roles of another organisation', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const outsider = await addMember(other.organisationId, 'readonly');
    const ownRole = await roleId(admin.organisationId, 'user');
    const foreignRole = await roleId(other.organisationId, 'user');
    const member = await addMember(admin.organisationId, 'readonly');

    expect(
      await updateMemberRole(admin, { membershipId: outsider.membershipId, roleId: ownRole }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(
      await updateMemberRole(admin, { membershipId: member.membershipId, roleId: foreignRole }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(await resetMemberToken(admin, { membershipId: outsider.membershipId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await deleteMember(admin, { membershipId: outsider.membershipId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect((await membershipOf(outsider))?.roleId).toBe(
      await roleId(other.organisationId, 'readonly'),
    );
  });

  it('refuses bad input with a clear message', async () => {
    const admin = await createOrganisation();
    expect(await updateMemberRole(admin, { membershipId: 'nope', roleId: '' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { membershipId: 'Unknown user.', roleId: 'Choose a role.' },
    });
    expect(
      await updateMemberRole(admin, {
        membershipId: admin.membershipId,
        roleId: await roleId(admin.organisationId, 'admin'),
      }),
    ).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('does not let anyone assign a role holding permissions they lack', async () => {
    const admin = await createOrganisation();
    const managerRole = await customRole(admin.organisationId, 'People manager', [
      'users:read',
      'users:update',
    ]);
    const manager = await addMember(admin.organisationId, { id: managerRole.id });
    // A member within the manager's reach (no permissions at all).
    const newcomers = await customRole(admin.organisationId, 'Newcomer', []);
    const target = await addMember(admin.organisationId, { id: newcomers.id });
    const result = await updateMemberRole(manager, {
      membershipId: target.membershipId,
      roleId: await roleId(admin.organisationId, 'admin'),
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'forbidden',
      error: expect.stringMatching(/You cannot assign Admin: it holds what you do not/),
    });
    // A role within the manager's own permissions is fine.
    const viewers = await customRole(admin.organisationId, 'List viewer', ['users:read']);
    expect(
      await updateMemberRole(manager, { membershipId: target.membershipId, roleId: viewers.id }),
    ).toMatchObject({ ok: true });
  });
});

describe('Reset User Token', () => {
  it('replaces the Token Key and records it', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const before = await membershipOf(member);
    const result = await resetMemberToken(admin, { membershipId: member.membershipId });
    expect(result.ok).toBe(true);
    const after = await membershipOf(member);
    expect(after!.tokenKey).not.toBe(before!.tokenKey);
    expect(after!.roleId).toBe(before!.roleId);
    const [event] = await eventsFor(admin.organisationId, 'member.token_reset');
    expect(event).toMatchObject({
      targetId: member.membershipId,
      before: { tokenKey: before!.tokenKey },
      after: { tokenKey: after!.tokenKey },
    });
  });
});

describe('Delete User', () => {
  it('removes the membership, keeps the account and records it', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    expect(await deleteMember(admin, { membershipId: member.membershipId })).toMatchObject({
      ok: true,
      email: member.label,
    });
    expect(await membershipOf(member)).toBeUndefined();
    const [account] = await getDb()
      .select()
      .from(accounts)
      .where(eq(accounts.id, member.accountId!));
    expect(account?.email).toBe(member.label);
    expect(await resolveMemberActor({ accountId: member.accountId! })).toBeNull();
    const [event] = await eventsFor(admin.organisationId, 'member.deleted');
    expect(event).toMatchObject({
      targetId: member.membershipId,
      before: { email: member.label, role: 'User' },
    });
  });
});

describe('the last admin', () => {
  it('cannot be demoted or deleted', async () => {
    const admin = await createOrganisation();
    const userRole = await roleId(admin.organisationId, 'user');
    expect(
      await updateMemberRole(admin, { membershipId: admin.membershipId, roleId: userRole }),
    ).toMatchObject({ ok: false, code: 'conflict', error: expect.stringMatching(/last admin/) });
    expect(await deleteMember(admin, { membershipId: admin.membershipId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect((await membershipOf(admin))?.roleId).toBe(await roleId(admin.organisationId, 'admin'));
  });
});
