import 'server-only';
import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, organisations, roles } from '@/db/schema';
import { isAdminLevel } from '@/lib/rbac';
import { roleGrants } from './actor';
import { ServiceError } from './result';

// Every organisation keeps an admin (docs/product.md#invariants). Every change that could break
// it (demoting, deleting, editing an admin-level role) first locks the organisation row,
// so two such changes in one organisation run one after the other, each seeing the other.
// NO KEY UPDATE, not UPDATE: every insert that references the organisation (an audit
// event above all) takes KEY SHARE on its row, which UPDATE would block. A token reset
// holding a member's row and writing its event would then deadlock with a role change
// of that member holding the organisation and waiting for the member's row.

export async function lockOrganisation(tx: Tx, organisationId: string): Promise<void> {
  await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for('no key update');
}

/**
 * Refuses unless some active (not suspended) member still holds an admin-level role once
 * `without` is applied: that membership gone, demoted or suspended, or that role no
 * longer admin-level.
 */
export async function assertAdminRemains(
  tx: Tx,
  organisationId: string,
  without: { membershipId?: string; roleId?: string },
  message = 'This is the last admin of the organisation. Give another member an admin role first.',
): Promise<void> {
  const remains = await activeAdminRemains(tx, organisationId, {
    membershipIds: without.membershipId ? [without.membershipId] : [],
    roleId: without.roleId,
  });
  if (!remains) throw new ServiceError('conflict', message);
}

/**
 * Whether some active member holds an admin-level role, leaving out the memberships
 * `without.membershipIds` (a bulk change's) and counting `without.roleId` as no longer
 * admin-level. Whether one exists, not how many: one index probe however large the role.
 */
export async function activeAdminRemains(
  tx: Tx,
  organisationId: string,
  without: { membershipIds: readonly string[]; roleId?: string },
): Promise<boolean> {
  const all = await tx.select().from(roles).where(eq(roles.organisationId, organisationId));
  const adminRoleIds = all
    .filter((r) => r.id !== without.roleId && isAdminLevel(roleGrants(r).permissions))
    .map((r) => r.id);
  if (!adminRoleIds.length) return false;
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        inArray(memberships.roleId, adminRoleIds),
        isNull(memberships.suspendedAt),
        without.membershipIds.length
          ? notInArray(memberships.id, [...without.membershipIds])
          : undefined,
      ),
    )
    .limit(1);
  return !!row;
}
