import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, roles } from '@/db/schema';
import type { Audience, Permission } from '@/lib/rbac';
import { roleGrants, type Actor } from './actor';

export interface RoleSummary {
  id: string;
  key: 'admin' | 'user' | 'readonly' | null;
  name: string;
  description: string;
  permissions: Permission[];
  audiences: Audience[];
  memberCount: number;
  isDefault: boolean;
}

/**
 * Every role of the actor's organisation, default roles first, with member counts from
 * one grouped query. Any member may see what the roles are; changing them is separate.
 */
export async function listRoles(actor: Actor): Promise<RoleSummary[]> {
  const db = getDb();
  const counts = db
    .select({ roleId: memberships.roleId, n: count().as('n') })
    .from(memberships)
    .where(eq(memberships.organisationId, actor.organisationId))
    .groupBy(memberships.roleId)
    .as('counts');
  const rows = await db
    .select({ role: roles, n: sql<number>`coalesce(${counts.n}, 0)::int` })
    .from(roles)
    .leftJoin(counts, eq(counts.roleId, roles.id))
    .where(eq(roles.organisationId, actor.organisationId))
    .orderBy(
      sql`case ${roles.key} when 'admin' then 0 when 'user' then 1 when 'readonly' then 2 else 3 end`,
      asc(sql`lower(${roles.name})`),
    );
  return rows.map(({ role, n }) => ({
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    ...roleGrants(role),
    memberCount: Number(n),
    isDefault: role.key !== null,
  }));
}
