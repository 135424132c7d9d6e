import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { bintuTokens, memberships, type Membership } from '@/db/schema';
import { newTokenKey } from '@/lib/credentials';

// A membership row is written here only: every new one gets a fresh Token Key, and every
// change of Token Key ends the member's bintu tokens. (lib/setup/seed.ts `addMembers`
// inserts in bulk in SQL, with the same format: lib/credentials.ts TOKEN_KEY_SQL.)

export interface NewMembership {
  organisationId: string;
  accountId: string;
  roleId: string;
  /** The account's email, copied (db/schema/memberships.ts). */
  email: string;
  /** Defaults to now. */
  createdAt?: Date;
}

/** Inserts memberships, each with a new Token Key. */
export async function insertMemberships(
  db: Queryable,
  rows: readonly NewMembership[],
): Promise<Membership[]> {
  if (rows.length === 0) return [];
  return db
    .insert(memberships)
    .values(rows.map((row) => ({ ...row, tokenKey: newTokenKey() })))
    .returning();
}

export async function insertMembership(db: Queryable, row: NewMembership): Promise<Membership> {
  const [membership] = await insertMemberships(db, [row]);
  return membership!;
}

/**
 * Gives a membership a new Token Key (with `changes`, a new role say) and deletes its
 * bintu tokens: every token issued before stops working at once. Returns the new key.
 */
export async function replaceTokenKey(
  tx: Tx,
  membershipId: string,
  changes: { roleId?: string } = {},
): Promise<string> {
  const tokenKey = newTokenKey();
  await tx
    .update(memberships)
    .set({ ...changes, tokenKey, updatedAt: sql`now()` })
    .where(eq(memberships.id, membershipId));
  await tx.delete(bintuTokens).where(eq(bintuTokens.membershipId, membershipId));
  return tokenKey;
}
