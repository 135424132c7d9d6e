import 'server-only';
import { sql } from 'drizzle-orm';
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { now } from '@/lib/clock';
import { describeError, log } from '@/lib/log';

// Last active (docs/product.md, "Access review"): when a member last used the dashboard
// or a bintu token of theirs, and when each bintu token was last used. The actor's query
// already reads both times (lib/services/actor.ts, lib/services/authenticate.ts), so a
// request costs no extra query; only when a time is older than ACTIVITY_WRITE_SECONDS
// does it write, once, after the response has been sent.

/** `memberships.last_active_at` and `bintu_tokens.last_used_at` are written at most this often. */
export const ACTIVITY_WRITE_SECONDS = 5 * 60;

/** True when `at` is unknown or older than the write threshold at `current`. */
export function activityIsStale(at: Date | null | undefined, current: Date = now()): boolean {
  return !at || current.getTime() - at.getTime() >= ACTIVITY_WRITE_SECONDS * 1000;
}

export interface SeenActivity {
  membershipId: string;
  /** `memberships.last_active_at` as the actor's query read it. */
  lastActiveAt: Date | null;
  /** The bintu token the request came with, and its `last_used_at` as read. */
  token?: { id: string; lastUsedAt: Date | null };
}

/**
 * Records that the member (and their bintu token) was active now, when the times the
 * actor's query read are stale: one conditional UPDATE (both tables in one statement for
 * a token), which writes nothing when a concurrent request already did. Off the request's
 * critical path where Next.js allows it (`after`); awaited elsewhere (scripts, tests).
 */
export function recordActivity(seen: SeenActivity): Promise<void> {
  const current = now();
  const member = activityIsStale(seen.lastActiveAt, current);
  const token = !!seen.token && activityIsStale(seen.token.lastUsedAt, current);
  if (!member && !token) return Promise.resolve();
  const write = () =>
    writeActivity(seen, current, { member, token }).catch((err: unknown) => {
      // Losing one activity stamp is harmless; the request itself has succeeded.
      log.error('activity not recorded', { error: describeError(err) });
    });
  try {
    after(write);
    return Promise.resolve();
  } catch {
    // Outside a request (after() throws there): write now.
    return write();
  }
}

async function writeActivity(
  seen: SeenActivity,
  current: Date,
  stale: { member: boolean; token: boolean },
): Promise<void> {
  const at = current.toISOString();
  const since = new Date(current.getTime() - ACTIVITY_WRITE_SECONDS * 1000).toISOString();
  const updateMember = sql`update "memberships" set "last_active_at" = ${at}::timestamptz
    where "id" = ${seen.membershipId}::uuid
      and ("last_active_at" is null or "last_active_at" < ${since}::timestamptz)`;
  if (!stale.token || !seen.token) {
    await getDb().execute(sql`${updateMember}`);
    return;
  }
  const updateToken = sql`update "bintu_tokens" set "last_used_at" = ${at}::timestamptz
    where "id" = ${seen.token.id}::uuid
      and ("last_used_at" is null or "last_used_at" < ${since}::timestamptz)`;
  // Both in one round trip: a data-modifying CTE runs whether or not it is referenced.
  await getDb().execute(
    sql`${stale.member ? sql`with "token" as (${updateToken} returning 1) ${updateMember}` : updateToken}`,
  );
}
