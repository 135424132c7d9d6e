import 'server-only';
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { prepared, type Tx } from '@/db/client';
import { memberships, roles } from '@/db/schema';
import { isAdminLevel, type Audience, type Permission } from '@/lib/rbac';
import {
  MAX_CUSTOM_ROLES,
  roleIdSchema,
  roleInputSchema,
  updateRoleSchema,
} from '@/lib/validation/roles';
import { authorize, roleGrants, type Actor } from './actor';
import { assertAdminRemains, lockOrganisation } from './admin-invariant';
import { recordAudit } from './audit-log';
import { assertWithin } from './grants';
import type { Role } from '@/db/schema';
import { ServiceError, parseInput, type Result } from './result';
import { mutation } from './tx';

export interface RoleSummary {
  id: string;
  key: 'admin' | 'user' | 'readonly' | null;
  name: string;
  description: string;
  permissions: Permission[];
  audiences: Audience[];
  memberCount: number;
  /** Of `memberCount`, the suspended members. */
  suspendedCount: number;
  isDefault: boolean;
}

const rolesOf = () =>
  prepared('roles_of', (db) =>
    db
      .select()
      .from(roles)
      .where(eq(roles.organisationId, sql.placeholder('organisationId')))
      .orderBy(
        sql`case ${roles.key} when 'admin' then 0 when 'user' then 1 when 'readonly' then 2 else 3 end`,
        asc(sql`lower(${roles.name})`),
      )
      .prepare('roles_of'),
  );

/**
 * Every role of the actor's organisation, default roles first, with its member count
 * (kept on the role by the database, docs/performance.md). Any member may see what the
 * roles are; changing them is separate.
 */
export async function listRoles(actor: Actor): Promise<RoleSummary[]> {
  const rows = await rolesOf().execute({ organisationId: actor.organisationId });
  return rows.map((role) => ({
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    ...roleGrants(role),
    memberCount: role.memberCount,
    suspendedCount: role.suspendedCount,
    isDefault: role.key !== null,
  }));
}

// ---------------------------------------------------------------------------------
// Custom roles: create, edit, delete. Default roles are never changed.

/** The role being written grants nothing beyond the actor's own grants. */
function refuseEscalation(actor: Actor, input: { permissions: string[]; audiences: string[] }) {
  assertWithin(
    actor,
    { permissions: input.permissions as Permission[], audiences: input.audiences as Audience[] },
    (lacking) => `You cannot grant what you do not hold yourself: ${lacking}.`,
    { permissions: 'Includes permissions or audiences you do not have.' },
  );
}

async function assertNameFree(tx: Tx, organisationId: string, name: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(
      and(
        eq(roles.organisationId, organisationId),
        sql`lower(${roles.name}) = ${name.toLowerCase()}`,
        exceptId ? ne(roles.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) {
    throw new ServiceError('conflict', `A role named “${name}” already exists.`, {
      name: 'This name is already taken in your organisation.',
    });
  }
}

async function loadCustomRole(tx: Tx, actor: Actor, roleId: string) {
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, roleId), eq(roles.organisationId, actor.organisationId)))
    .limit(1)
    .for('update');
  if (!role) throw new ServiceError('not_found', 'This role does not exist in your organisation.');
  if (role.key)
    throw new ServiceError('forbidden', `${role.name} is a default role and cannot be changed.`);
  // A role holding more than the actor is out of their reach, before and after the edit.
  assertWithin(
    actor,
    roleGrants(role),
    (lacking) => `You cannot change ${role.name}: it holds what you do not (${lacking}).`,
  );
  return role;
}

const snapshot = (r: {
  name: string;
  description: string;
  permissions: string[];
  audiences: string[];
}) => ({
  name: r.name,
  description: r.description,
  permissions: [...r.permissions].sort(),
  audiences: [...r.audiences].sort(),
});

export async function createRole(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ roleId: string; name: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'roles:manage');
    const input = parseInput(roleInputSchema, raw);
    refuseEscalation(actor, input);
    await lockOrganisation(tx, actor.organisationId);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(roles)
      .where(and(eq(roles.organisationId, actor.organisationId), isNull(roles.key)));
    if (n >= MAX_CUSTOM_ROLES) {
      throw new ServiceError(
        'conflict',
        `An organisation can have at most ${MAX_CUSTOM_ROLES} custom roles.`,
      );
    }
    await assertNameFree(tx, actor.organisationId, input.name);
    const [role] = await tx
      .insert(roles)
      .values({ organisationId: actor.organisationId, ...input })
      .returning();
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'role.created',
      target: { type: 'role', id: role!.id, label: role!.name },
      after: snapshot(role!),
    });
    return { ok: true as const, roleId: role!.id, name: role!.name };
  });
}

/**
 * Edits a custom role. Its members get the new permissions on their next request. If
 * the role loses the admin permissions, some member outside it must still hold them.
 */
export async function updateRole(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ roleId: string; name: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'roles:manage');
    const { roleId, ...input } = parseInput(updateRoleSchema, raw);
    refuseEscalation(actor, input);
    await lockOrganisation(tx, actor.organisationId);
    const before = await loadCustomRole(tx, actor, roleId);
    await assertNameFree(tx, actor.organisationId, input.name, roleId);
    if (
      isAdminLevel(roleGrants(before).permissions) &&
      !isAdminLevel(input.permissions as Permission[])
    ) {
      await assertAdminRemains(
        tx,
        actor.organisationId,
        { roleId },
        'The last admins of the organisation hold this role. Keep its user and role management permissions, or give another member an admin role first.',
      );
    }
    const [after] = await tx
      .update(roles)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(roles.id, roleId))
      .returning();
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'role.updated',
      target: { type: 'role', id: roleId, label: after!.name },
      before: snapshot(before),
      after: snapshot(after!),
    });
    return { ok: true as const, roleId, name: after!.name };
  });
}

/** Deletes a custom role that no member holds. Its unused invitations go with it. */
export async function deleteRole(actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'roles:manage');
    const { roleId } = parseInput(roleIdSchema, raw);
    await lockOrganisation(tx, actor.organisationId);
    const role = await loadCustomRole(tx, actor, roleId);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.roleId, roleId));
    if (n > 0) {
      throw new ServiceError(
        'conflict',
        `${n} ${n === 1 ? 'member holds' : 'members hold'} ${role.name}. Give them another role first.`,
      );
    }
    await tx.delete(roles).where(eq(roles.id, roleId));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'role.deleted',
      target: { type: 'role', id: roleId, label: role.name },
      before: snapshot(role),
    });
    return { ok: true as const, name: role.name };
  });
}

/** Refusal of a role id that names no role of the actor's organisation. */
export function roleNotFound(): ServiceError {
  return new ServiceError('not_found', 'That role does not exist in your organisation.', {
    roleId: 'Choose a role of your organisation.',
  });
}

/**
 * Refuses a role the actor may not give (Update Permission: `assign`; an invitation:
 * `invite with`): it must hold nothing the actor does not (docs/product.md, "Invariants").
 */
export function assertAssignable(actor: Actor, role: Role, verb: 'assign' | 'invite with'): void {
  assertWithin(
    actor,
    roleGrants(role),
    (lacking) => `You cannot ${verb} ${role.name}: it holds what you do not (${lacking}).`,
    { roleId: 'This role holds permissions or audiences you do not have.' },
  );
}

/** A role of the actor's organisation that the actor may give, or the refusal. */
export async function assignableRole(
  tx: Tx,
  actor: Actor,
  roleId: string,
  verb: 'assign' | 'invite with',
): Promise<Role> {
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, roleId), eq(roles.organisationId, actor.organisationId)))
    .limit(1);
  if (!role) throw roleNotFound();
  assertAssignable(actor, role, verb);
  return role;
}
