import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, roles } from '@/db/schema';
import type { DefaultRoleKey } from '@/lib/rbac';
import { signUp } from '@/lib/services/accounts';
import { resolveMemberActor, type Actor } from '@/lib/services/actor';
import { insertMembership } from '@/lib/services/memberships';

export const PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.test`;
}

export async function actorFor(accountId: string, organisationId?: string): Promise<Actor> {
  const actor = await resolveMemberActor({ accountId, organisationId });
  if (!actor) throw new Error('no actor');
  return actor;
}

/** A new organisation through the real sign-up, and its Admin. */
export async function createOrganisation(name?: string): Promise<Actor> {
  const email = uniqueEmail('admin');
  const result = await signUp({ email, password: PASSWORD, organisationName: name });
  if (!result.ok) throw new Error(result.error);
  return actorFor(result.accountId, result.organisationId!);
}

export async function roleId(organisationId: string, key: DefaultRoleKey): Promise<string> {
  const [row] = await getDb()
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.organisationId, organisationId), eq(roles.key, key)));
  return row!.id;
}

/** Adds a member with a default role key or a role id; returns the member's actor. */
export async function addMember(
  organisationId: string,
  role: DefaultRoleKey | { id: string },
  email = uniqueEmail(typeof role === 'string' ? role : 'custom'),
): Promise<Actor> {
  const db = getDb();
  const id = typeof role === 'string' ? await roleId(organisationId, role) : role.id;
  const [account] = await db
    .insert(accounts)
    .values({ email })
    .onConflictDoUpdate({ target: accounts.email, set: { email } })
    .returning();
  await insertMembership(db, { organisationId, accountId: account!.id, roleId: id, email });
  return actorFor(account!.id, organisationId);
}
