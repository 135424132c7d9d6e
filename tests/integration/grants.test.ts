import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations, memberships, roles } from '@/db/schema';
import { createInvitation, regenerateInvitation } from '@/lib/services/invitations';
import { deleteMember, resetMemberToken, updateMemberRole } from '@/lib/services/members';
import { createRole, deleteRole, updateRole } from '@/lib/services/roles';
import type { Actor } from '@/lib/services/actor';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId, TEST_ORIGIN } from './support/fixtures';

withTestDatabase();

// docs/security.md, "Grants": nobody grants a permission or an audience they do not
// hold, and nobody acts on a member or a role holding more than they do.

const USERS_ALL = [
  'users:read',
  'users:invite',
  'users:update',
  'users:delete',
  'users:reset-token',
] as const;

async function customRole(admin: Actor, name: string, permissions: string[], audiences: string[]) {
  const r = await createRole(admin, { name, description: '', permissions, audiences });
  if (!r.ok) throw new Error(r.error);
  return r.roleId;
}

/** Everything an organisation holds that these rules protect. */
async function snapshot(organisationId: string) {
  const db = getDb();
  const [m, r, i, a] = await Promise.all([
    db.select().from(memberships).where(eq(memberships.organisationId, organisationId)),
    db.select().from(roles).where(eq(roles.organisationId, organisationId)),
    db.select().from(invitations).where(eq(invitations.organisationId, organisationId)),
    db.select().from(auditEvents).where(eq(auditEvents.organisationId, organisationId)),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) =>
    [...rows].sort((x, y) => x.id.localeCompare(y.id));
  return { m: byId(m), r: byId(r), i: byId(i), a: a.length };
}

describe('audiences are grants too', () => {
  it('a dashboard-only role manager cannot add the api or playback audience, to any role', async () => {
    const admin = await createOrganisation();
    const managerRole = await customRole(
      admin,
      'Role managers',
      ['roles:manage', 'users:read', 'users:invite', 'streams:read'],
      ['dashboard'],
    );
    const manager = await addMember(admin.organisationId, { id: managerRole });
    const apiRole = await customRole(admin, 'API readers', ['streams:read'], ['dashboard', 'api']);
    const before = await snapshot(admin.organisationId);

    // Their own role, widened to the REST API and playback tokens.
    expect(
      await updateRole(manager, {
        roleId: managerRole,
        name: 'Role managers',
        permissions: ['roles:manage', 'users:read', 'users:invite', 'streams:read'],
        audiences: ['dashboard', 'api', 'playback'],
      }),
    ).toMatchObject({ ok: false, code: 'forbidden', error: /REST API audience/ });
    // A new role with the API audience, to invite someone (or themselves) into.
    expect(
      await createRole(manager, {
        name: 'Backdoor',
        permissions: ['streams:read'],
        audiences: ['api'],
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    // An existing role that holds an audience they lack.
    expect(
      await createInvitation(manager, { roleId: apiRole, lifetimeDays: 7 }, TEST_ORIGIN),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
      fieldErrors: { roleId: expect.any(String) },
    });
    expect(await snapshot(admin.organisationId)).toEqual(before);

    // Within their own grants it works.
    expect(
      await createRole(manager, {
        name: 'Viewers',
        permissions: ['streams:read'],
        audiences: ['dashboard'],
      }),
    ).toMatchObject({ ok: true });
  });

  it('Update Permission and regenerate refuse a role with an audience the actor lacks', async () => {
    const admin = await createOrganisation();
    const updaterRole = await customRole(
      admin,
      'Updaters',
      [...USERS_ALL, 'streams:read'],
      ['dashboard'],
    );
    const updater = await addMember(admin.organisationId, { id: updaterRole });
    const readonly = await addMember(admin.organisationId, 'readonly');
    const apiRole = await customRole(admin, 'API readers', ['streams:read'], ['api']);
    const inv = await createInvitation(admin, { roleId: apiRole, lifetimeDays: 7 }, TEST_ORIGIN);
    if (!inv.ok) throw new Error(inv.error);
    const before = await snapshot(admin.organisationId);

    expect(
      await updateMemberRole(updater, { membershipId: readonly.membershipId, roleId: apiRole }),
    ).toMatchObject({ ok: false, code: 'forbidden', error: /REST API audience/ });
    expect(await regenerateInvitation(updater, { invitationId: inv.invitationId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await snapshot(admin.organisationId)).toEqual(before);
  });
});

describe('nobody acts above themselves', () => {
  it('a member with every users:* permission cannot reset, demote or delete an Admin', async () => {
    const admin = await createOrganisation();
    const secondAdmin = await addMember(admin.organisationId, 'admin');
    // Everything a ReadOnly member holds, plus all of users:*; not roles:manage.
    const managers = await customRole(
      admin,
      'People',
      [...USERS_ALL, 'playerkey:read', 'token:read', 'streams:read', 'tags:read', 'metrics:read'],
      ['dashboard', 'api'],
    );
    const manager = await addMember(admin.organisationId, { id: managers });
    const readonlyRole = await roleId(admin.organisationId, 'readonly');
    const before = await snapshot(admin.organisationId);

    for (const result of [
      await resetMemberToken(manager, { membershipId: secondAdmin.membershipId }),
      await updateMemberRole(manager, {
        membershipId: secondAdmin.membershipId,
        roleId: readonlyRole,
      }),
      await deleteMember(manager, { membershipId: secondAdmin.membershipId }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: 'forbidden', error: /You cannot change/ });
    }
    expect(await snapshot(admin.organisationId)).toEqual(before);

    // A member within their reach: all three work.
    const readonly = await addMember(admin.organisationId, 'readonly');
    expect(await resetMemberToken(manager, { membershipId: readonly.membershipId })).toMatchObject({
      ok: true,
    });
    expect(await deleteMember(manager, { membershipId: readonly.membershipId })).toMatchObject({
      ok: true,
    });
    // And an Admin can still do everything to another Admin.
    expect(await resetMemberToken(admin, { membershipId: secondAdmin.membershipId })).toMatchObject(
      { ok: true },
    );
  });

  it('a role manager cannot edit or delete a role holding more than they do', async () => {
    const admin = await createOrganisation();
    const managerRole = await customRole(
      admin,
      'Role managers',
      ['roles:manage', 'streams:read'],
      ['dashboard'],
    );
    const manager = await addMember(admin.organisationId, { id: managerRole });
    const powerful = await customRole(
      admin,
      'Stream admins',
      ['streams:read', 'streams:delete'],
      ['dashboard'],
    );
    const before = await snapshot(admin.organisationId);

    // Stripping permissions would bring it within their grants afterwards, not before.
    expect(
      await updateRole(manager, {
        roleId: powerful,
        name: 'Stream admins',
        permissions: ['streams:read'],
        audiences: ['dashboard'],
      }),
    ).toMatchObject({ ok: false, code: 'forbidden', error: /You cannot change Stream admins/ });
    expect(await deleteRole(manager, { roleId: powerful })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await snapshot(admin.organisationId)).toEqual(before);

    // The Admin can.
    expect(await deleteRole(admin, { roleId: powerful })).toMatchObject({ ok: true });
  });
});
