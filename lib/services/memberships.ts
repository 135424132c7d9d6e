import 'server-only';
import { inArray, sql } from 'drizzle-orm';
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
  const keys = await replaceTokenKeys(tx, [membershipId], changes);
  return keys.get(membershipId)!;
}

/** `replaceTokenKey` for many memberships in two statements: each gets its own new key. */
export async function replaceTokenKeys(
  tx: Tx,
  membershipIds: readonly string[],
  changes: { roleId?: string } = {},
): Promise<Map<string, string>> {
  const keys = new Map(membershipIds.map((id) => [id, newTokenKey()]));
  if (keys.size === 0) return keys;
  const rows = JSON.stringify([...keys].map(([id, key]) => ({ id, key })));
  await tx.execute(sql`
    update ${memberships} m
    set token_key = k.key, updated_at = now()${changes.roleId ? sql`, role_id = ${changes.roleId}` : sql``}
    from jsonb_to_recordset(${rows}::jsonb) as k(id uuid, key text)
    where m.id = k.id`);
  await tx.delete(bintuTokens).where(inArray(bintuTokens.membershipId, [...keys.keys()]));
  return keys;
}
