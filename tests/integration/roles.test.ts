import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, roles } from '@/db/schema';
import { ALL_PERMISSIONS } from '@/lib/rbac';
import { resolveMemberActor } from '@/lib/services/actor';
import { updateMemberRole } from '@/lib/services/members';
import { createRole, deleteRole, listRoles, updateRole } from '@/lib/services/roles';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId } from './support/fixtures';

withTestDatabase();

const base = { description: 'Runs streams', audiences: ['dashboard', 'api'] };

describe('custom roles', () => {
  it('are created, listed with member counts, edited and deleted, each with an audit event', async () => {
    const admin = await createOrganisation();
    const created = await createRole(admin, {
      ...base,
      name: ' Streamers ',
      permissions: ['streams:read', 'streams:create'],
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const member = await addMember(admin.organisationId, { id: created.roleId });

    const listed = (await listRoles(admin)).find((r) => r.id === created.roleId);
    expect(listed).toMatchObject({
      name: 'Streamers',
      isDefault: false,
      memberCount: 1,
      permissions: ['streams:read', 'streams:create'],
    });
    expect((await listRoles(admin)).slice(0, 3).map((r) => r.name)).toEqual([
      'Admin',
      'User',
      'ReadOnly',
    ]);

    const edited = await updateRole(admin, {
      ...base,
      roleId: created.roleId,
      name: 'Streamers',
      permissions: ['streams:read', 'tags:read'],
    });
    expect(edited.ok).toBe(true);
    // The member gets the new permissions on their next request.
    const next = await resolveMemberActor({
      accountId: member.accountId!,
      organisationId: admin.organisationId,
    });
    expect([...next!.permissions].sort()).toEqual(['streams:read', 'tags:read']);

    const inUse = await deleteRole(admin, { roleId: created.roleId });
    expect(inUse).toMatchObject({
      ok: false,
      code: 'conflict',
      error: expect.stringMatching(/^1 member holds Streamers/),
    });

    await updateMemberRole(admin, {
      membershipId: member.membershipId,
      roleId: await roleId(admin.organisationId, 'readonly'),
    });
    expect(await deleteRole(admin, { roleId: created.roleId })).toMatchObject({
      ok: true,
      name: 'Streamers',
    });

    const events = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, admin.organisationId),
          eq(auditEvents.targetType, 'role'),
        ),
      );
    expect(events.map((e) => e.action)).toEqual(['role.created', 'role.updated', 'role.deleted']);
    expect(events[1]).toMatchObject({
      before: { permissions: ['streams:create', 'streams:read'] },
      after: { permissions: ['streams:read', 'tags:read'] },
    });
  });

  it('have unique names within the organisation, case-insensitively, but not across', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    expect((await createRole(admin, { ...base, name: 'Ops', permissions: [] })).ok).toBe(true);
    expect(await createRole(admin, { ...base, name: 'OPS', permissions: [] })).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { name: expect.any(String) },
    });
    expect((await createRole(other, { ...base, name: 'Ops', permissions: [] })).ok).toBe(true);
    expect(await createRole(admin, { ...base, name: 'Admin', permissions: [] })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('stop at 50 per organisation', async () => {
    const admin = await createOrganisation();
    await getDb()
      .insert(roles)
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          organisationId: admin.organisationId,
          name: `Role ${i}`,
        })),
      );
    expect(
      await createRole(admin, { ...base, name: 'One too many', permissions: [] }),
    ).toMatchObject({ ok: false, code: 'conflict', error: expect.stringMatching(/at most 50/) });
  });

  it('cannot change default roles or roles of another organisation', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const userRole = await roleId(admin.organisationId, 'user');
    expect(
      await updateRole(admin, { ...base, roleId: userRole, name: 'Renamed', permissions: [] }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await deleteRole(admin, { roleId: userRole })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const foreign = await createRole(other, { ...base, name: 'Theirs', permissions: [] });
    if (!foreign.ok) throw new Error(foreign.error);
    expect(await deleteRole(admin, { roleId: foreign.roleId })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('are managed only with roles:manage, and never beyond the manager’s own permissions', async () => {
    const admin = await createOrganisation();
    for (const key of ['user', 'readonly'] as const) {
      const member = await addMember(admin.organisationId, key);
      expect(
        await createRole(member, { ...base, name: `By ${key}`, permissions: [] }),
      ).toMatchObject({ ok: false, code: 'forbidden' });
    }
    const managerRole = await createRole(admin, {
      ...base,
      name: 'Role managers',
      permissions: ['roles:manage', 'streams:read'],
    });
    if (!managerRole.ok) throw new Error(managerRole.error);
    const manager = await addMember(admin.organisationId, { id: managerRole.roleId });
    expect(
      await createRole(manager, {
        ...base,
        name: 'Sneaky',
        permissions: ['streams:read', 'apikey:read'],
      }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
      error: expect.stringMatching(/See the organisation API key/),
    });
    expect(
      (await createRole(manager, { ...base, name: 'Viewers', permissions: ['streams:read'] })).ok,
    ).toBe(true);
    expect(
      await updateRole(manager, {
        ...base,
        roleId: managerRole.roleId,
        name: 'Role managers',
        permissions: ['roles:manage', 'streams:read', 'users:delete'],
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('at least one admin, through custom roles', () => {
  async function orgWhoseAdminsHoldACustomRole() {
    const founder = await createOrganisation();
    const custom = await createRole(founder, {
      ...base,
      name: 'Owners',
      permissions: ALL_PERMISSIONS,
      audiences: ['dashboard', 'api', 'playback'],
    });
    if (!custom.ok) throw new Error(custom.error);
    const a = await addMember(founder.organisationId, { id: custom.roleId });
    const b = await addMember(founder.organisationId, { id: custom.roleId });
    // The founder steps down: now only the custom role's holders are admins.
    expect(
      (
        await updateMemberRole(a, {
          membershipId: founder.membershipId,
          roleId: await roleId(founder.organisationId, 'user'),
        })
      ).ok,
    ).toBe(true);
    return {
      roleId: custom.roleId,
      a: await resolveMemberActor({
        accountId: a.accountId!,
        organisationId: founder.organisationId,
      }),
      b,
    };
  }

  it('refuses editing the role the last admins hold so that it loses the admin permissions', async () => {
    const { roleId: id, a } = await orgWhoseAdminsHoldACustomRole();
    const weaker = ALL_PERMISSIONS.filter((p) => p !== 'users:delete');
    expect(
      await updateRole(a!, { ...base, roleId: id, name: 'Owners', permissions: weaker }),
    ).toMatchObject({ ok: false, code: 'conflict', error: expect.stringMatching(/last admins/) });
    // Other edits of the role are fine.
    expect(
      (
        await updateRole(a!, {
          ...base,
          roleId: id,
          name: 'Owners',
          permissions: ALL_PERMISSIONS,
          description: 'Run it all',
        })
      ).ok,
    ).toBe(true);
  });
});
