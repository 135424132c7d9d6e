import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Queryable, type Tx } from '@/db/client';
import { organisations, roles } from '@/db/schema';
import { newPlayerKey, randomToken } from '@/lib/credentials';
import { DEFAULT_ROLES, DEFAULT_ROLE_KEYS, can, type DefaultRoleKey } from '@/lib/rbac';
import type { Actor } from './actor';
import { sealedApiKey } from './api-key';
import { insertMembership } from './memberships';
import { ServiceError } from './result';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'org'}-${
    randomToken(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 5) || 'x'
  }`;
}

/**
 * Creates an organisation with its three default roles and keys, and makes `account` its
 * first member with the Admin role. Runs inside the caller's transaction.
 */
export async function createOrganisation(
  tx: Tx,
  input: { name: string; account: { id: string; email: string } },
) {
  const { apiKeyHash, apiKeyEncrypted } = sealedApiKey();
  const [org] = await tx
    .insert(organisations)
    .values({
      name: input.name,
      slug: slugify(input.name),
      apiKeyHash,
      apiKeyEncrypted,
      playerKey: newPlayerKey(),
    })
    .returning();
  const roleRows = await tx
    .insert(roles)
    .values(
      DEFAULT_ROLE_KEYS.map((key) => ({
        organisationId: org!.id,
        key,
        name: DEFAULT_ROLES[key].name,
        description: DEFAULT_ROLES[key].description,
        permissions: [...DEFAULT_ROLES[key].permissions],
        audiences: [...DEFAULT_ROLES[key].audiences],
      })),
    )
    .returning({ id: roles.id, key: roles.key });
  const roleIds = Object.fromEntries(roleRows.map((r) => [r.key, r.id])) as Record<
    DefaultRoleKey,
    string
  >;
  const membership = await insertMembership(tx, {
    organisationId: org!.id,
    accountId: input.account.id,
    roleId: roleIds.admin,
    email: input.account.email,
  });
  return { organisation: org!, membership, roleIds };
}

export async function countMembers(db: Queryable, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${roles.memberCount}), 0)::int` })
    .from(roles)
    .where(eq(roles.organisationId, organisationId));
  return Number(row?.n ?? 0);
}

/** What the Overview tab shows; keys only as far as the viewer may see them. */
export async function getOrganisationOverview(actor: Actor) {
  const db = getDb();
  const [org] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId))
    .limit(1);
  if (!org) throw new ServiceError('not_found', 'Organisation not found.');
  return {
    name: org.name,
    slug: org.slug,
    createdAt: org.createdAt,
    memberCount: await countMembers(db, org.id),
    playerKey: can(actor, 'playerkey:read') ? org.playerKey : null,
  };
}
