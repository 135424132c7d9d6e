import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rateLimitBuckets } from '@/db/schema';
import { env } from '@/lib/env';

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

const DEFAULTS = {
  // Wrong passwords for one account from one client. Per account alone the ceiling is
  // far higher, so a stranger cannot lock someone out (docs/security.md, "Sign-in").
  signIn: { limit: 10, windowSeconds: 60 },
  signInAccount: { limit: 100, windowSeconds: 900 },
  signInClient: { limit: 50, windowSeconds: 60 },
  signUp: { limit: 5, windowSeconds: 60 },
  inviteLookup: { limit: 30, windowSeconds: 60 },
  inviteAccept: { limit: 10, windowSeconds: 60 },
  tokenCreate: { limit: 20, windowSeconds: 60 },
  api: { limit: 600, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;
export type RateLimitName = keyof typeof DEFAULTS;

/** The rule in force: the default, or the deployment's RATE_LIMITS override. */
export function rateLimit(name: RateLimitName): RateLimitRule {
  const overrides = env().RATE_LIMITS;
  for (const key of Object.keys(overrides)) {
    if (!Object.hasOwn(DEFAULTS, key)) throw new Error(`RATE_LIMITS: unknown limit "${key}"`);
  }
  return overrides[name] ?? DEFAULTS[name];
}

/** One hit of `subject` against the named limit. */
export function hitLimit(name: RateLimitName, subject: string) {
  return hitRateLimit(`${name}:${subject}`, rateLimit(name));
}

/**
 * Counts one hit against `key` in a fixed window kept in the database, so the limit
 * holds across server instances. One statement, no read-modify-write race.
 */
export async function hitRateLimit(
  key: string,
  rule: RateLimitRule,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const rows = await getDb()
    .insert(rateLimitBuckets)
    .values({ key, count: 1, resetAt: sql`now() + make_interval(secs => ${rule.windowSeconds})` })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.resetAt} <= now() then 1 else ${rateLimitBuckets.count} + 1 end`,
        resetAt: sql`case when ${rateLimitBuckets.resetAt} <= now() then excluded.reset_at else ${rateLimitBuckets.resetAt} end`,
      },
    })
    .returning({
      count: rateLimitBuckets.count,
      retry: sql<number>`greatest(0, ceil(extract(epoch from ${rateLimitBuckets.resetAt} - now())))::int`,
    });
  const row = rows[0]!;
  return { allowed: row.count <= rule.limit, retryAfterSeconds: Number(row.retry) };
}

/** Gives back the hit `subject` took against the named limit (a right password). */
export async function refundLimit(name: RateLimitName, subject: string): Promise<void> {
  await getDb()
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
    .where(eq(rateLimitBuckets.key, `${name}:${subject}`));
}
