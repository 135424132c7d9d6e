import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { accounts, mailOutbox, roles } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import type { DefaultRoleKey } from '@/lib/rbac';
import { signUp } from '@/lib/services/accounts';
import { resolveMemberActor, type Actor } from '@/lib/services/actor';
import { insertMembership } from '@/lib/services/memberships';

export const PASSWORD = 'correct horse battery staple';

/** The public origin the services' mailed links point to in tests. */
export const TEST_ORIGIN = 'http://dashboard.test';

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
    .values({ email, emailVerifiedAt: new Date() })
    .onConflictDoUpdate({ target: accounts.email, set: { email } })
    .returning();
  await insertMembership(db, { organisationId, accountId: account!.id, roleId: id, email });
  return actorFor(account!.id, organisationId);
}

/**
 * The token of the newest queued mail to `to` carrying a link to `path` (e.g.
 * `/confirm-email/`), read from the outbox as the mail worker would send it. The tests
 * of sending itself use a real SMTP server (email.test.ts, password-reset.test.ts).
 */
export async function tokenInOutbox(to: string, path: string): Promise<string> {
  const mails = await getDb()
    .select({ content: mailOutbox.contentEncrypted })
    .from(mailOutbox)
    .where(eq(mailOutbox.recipient, to))
    .orderBy(desc(mailOutbox.createdAt));
  for (const { content } of mails) {
    if (!content) continue;
    const { text } = JSON.parse(decryptSecret(content)) as { text: string };
    const token = new RegExp(`${path}([A-Za-z0-9_-]{43})`).exec(text)?.[1];
    if (token) return token;
  }
  throw new Error(`No mail to ${to} with a link to ${path}`);
}
