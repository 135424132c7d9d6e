import 'server-only';
import { and, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db/client';
import { rateLimitBuckets } from '@/db/schema';
import { env } from '@/lib/env';
import { describeError, log } from '@/lib/log';

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
  // Password reset requests per address (a mailbox is not flooded) and per client.
  passwordReset: { limit: 3, windowSeconds: 900 },
  passwordResetClient: { limit: 10, windowSeconds: 60 },
  // Sign-up, verification and change-of-address mails per address and per client.
  addressMail: { limit: 3, windowSeconds: 900 },
  addressMailClient: { limit: 10, windowSeconds: 60 },
  // Invitation mails per organisation and address (Invite New User, Resend).
  invitationMail: { limit: 5, windowSeconds: 3600 },
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

/** One hit of each subject (null ones skipped) against the named limit: all within it? */
export async function withinLimits(name: RateLimitName, subjects: (string | null)[]) {
  const checks = subjects.filter((k): k is string => !!k).map((k) => hitLimit(name, k));
  return (await Promise.all(checks)).every((c) => c.allowed);
}

/**
 * One hit of each subject (distinct) against the named limit, in one statement run by
 * `db`: in a transaction the hits count only if it commits. The subjects still within the
 * limit are returned. For the limits kept in the database only (not `api`).
 */
export async function hitLimitsIn(
  db: Queryable,
  name: RateLimitName,
  subjects: string[],
): Promise<Set<string>> {
  if (BATCHED.has(name)) throw new Error(`hitLimitsIn: ${name} is counted in memory`);
  if (subjects.length === 0) return new Set();
  const rule = rateLimit(name);
  const rows = await db
    .insert(rateLimitBuckets)
    .values(
      subjects.map((s) => ({
        key: `${name}:${s}`,
        count: 1,
        resetAt: sql`now() + make_interval(secs => ${rule.windowSeconds})`,
      })),
    )
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.resetAt} <= now() then 1 else ${rateLimitBuckets.count} + 1 end`,
        resetAt: sql`case when ${rateLimitBuckets.resetAt} <= now() then excluded.reset_at else ${rateLimitBuckets.resetAt} end`,
      },
    })
    .returning({ key: rateLimitBuckets.key, count: rateLimitBuckets.count });
  return new Set(
    rows.filter((r) => r.count <= rule.limit).map((r) => r.key.slice(name.length + 1)),
  );
}

/** The subjects whose next hit the named limit would refuse: a read, nothing counted. */
export async function atLimit(
  db: Queryable,
  name: RateLimitName,
  subjects: string[],
): Promise<Set<string>> {
  if (subjects.length === 0) return new Set();
  const rule = rateLimit(name);
  const rows = await db
    .select({ key: rateLimitBuckets.key })
    .from(rateLimitBuckets)
    .where(
      and(
        inArray(
          rateLimitBuckets.key,
          subjects.map((s) => `${name}:${s}`),
        ),
        gt(rateLimitBuckets.resetAt, sql`now()`),
        gte(rateLimitBuckets.count, rule.limit),
      ),
    );
  return new Set(rows.map((r) => r.key.slice(name.length + 1)));
}

/** One hit of `subject` against the named limit. */
export function hitLimit(name: RateLimitName, subject: string) {
  const key = `${name}:${subject}`;
  const rule = rateLimit(name);
  return BATCHED.has(name) ? apiCounter.hit(key, rule) : hitRateLimit(key, rule);
}

export interface LimitOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window kept in the database, so the limit
 * holds across server instances. One statement, no read-modify-write race.
 */
export async function hitRateLimit(key: string, rule: RateLimitRule): Promise<LimitOutcome> {
  const row = await addHits(key, rule, 1);
  return { allowed: row.count <= rule.limit, retryAfterSeconds: row.retryAfterSeconds };
}

/** Adds `n` hits to the shared window of `key`: its count and when it ends. */
async function addHits(key: string, rule: RateLimitRule, n: number) {
  const rows = await getDb()
    .insert(rateLimitBuckets)
    .values({ key, count: n, resetAt: sql`now() + make_interval(secs => ${rule.windowSeconds})` })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        count: sql`case when ${rateLimitBuckets.resetAt} <= now() then ${n}::int else ${rateLimitBuckets.count} + ${n}::int end`,
        resetAt: sql`case when ${rateLimitBuckets.resetAt} <= now() then excluded.reset_at else ${rateLimitBuckets.resetAt} end`,
      },
    })
    .returning({
      count: rateLimitBuckets.count,
      endsInMs: sql<number>`greatest(0, extract(epoch from ${rateLimitBuckets.resetAt} - now()) * 1000)::int`,
    });
  const row = rows[0]!;
  const endsInMs = Number(row.endsInMs);
  return { count: row.count, endsInMs, retryAfterSeconds: Math.ceil(endsInMs / 1000) };
}

// ---------------------------------------------------------------------------------
// Limits hit on every request (the API's) are counted in memory and reach the shared
// window in batches (docs/security.md, "Rate limits"): counting each call in the
// database would write the WAL on every request and queue a caller's concurrent
// requests on one row. A process adds what it counted at most once a second, or every
// tenth of the limit, and learns the other instances' hits back from the same statement.
// Across instances a caller can exceed the limit by what the others served since their
// last flush: about one second of traffic. A new window always starts in the database.

const BATCHED: ReadonlySet<RateLimitName> = new Set(['api']);
const FLUSH_MS = 1000;
const MAX_WINDOWS = 10_000;

interface LocalWindow {
  endsAt: number;
  /** The shared count as last read back from the database (our flushed hits included). */
  shared: number;
  /** Hits counted here and not yet added to the shared window. */
  pending: number;
  lastFlush: number;
  flushing: Promise<void> | null;
}

export class BatchedCounter {
  private windows = new Map<string, LocalWindow>();

  async hit(key: string, rule: RateLimitRule): Promise<LimitOutcome> {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || now >= w.endsAt) {
      const row = await addHits(key, rule, 1);
      this.sweep(now);
      this.windows.set(key, {
        endsAt: now + row.endsInMs,
        shared: row.count,
        pending: 0,
        lastFlush: now,
        flushing: null,
      });
      return { allowed: row.count <= rule.limit, retryAfterSeconds: row.retryAfterSeconds };
    }
    w.pending++;
    const due =
      w.pending >= Math.max(1, Math.floor(rule.limit / 10)) || now - w.lastFlush >= FLUSH_MS;
    if (due && !w.flushing) w.flushing = this.flush(key, w, rule);
    return {
      allowed: w.shared + w.pending <= rule.limit,
      retryAfterSeconds: Math.max(1, Math.ceil((w.endsAt - now) / 1000)),
    };
  }

  /** Adds every pending count to the shared windows now (tests, shutdown). */
  async flushAll(rule: (key: string) => RateLimitRule): Promise<void> {
    await Promise.all(
      [...this.windows].map(async ([key, w]) => {
        // Until nothing is pending, or a flush fails (the database is away).
        let before = Infinity;
        while (w.flushing || (w.pending > 0 && w.pending < before)) {
          before = w.flushing ? Infinity : w.pending;
          await (w.flushing ?? (w.flushing = this.flush(key, w, rule(key))));
        }
      }),
    );
  }

  private async flush(key: string, w: LocalWindow, rule: RateLimitRule): Promise<void> {
    const n = w.pending;
    const started = Date.now();
    try {
      if (n > 0) {
        const row = await addHits(key, rule, n);
        w.pending -= n;
        w.shared = row.count;
        w.endsAt = started + row.endsInMs;
      }
      w.lastFlush = started;
    } catch (err) {
      // The database is away: keep counting here and try again on a later hit.
      log.error('rate limit flush failed', { error: describeError(err) });
    } finally {
      w.flushing = null;
    }
  }

  private sweep(now: number) {
    if (this.windows.size < MAX_WINDOWS) return;
    for (const [key, w] of this.windows)
      if (now >= w.endsAt && !w.flushing) this.windows.delete(key);
  }
}

const apiCounter = new BatchedCounter();

/** Adds the API's pending counts to the shared windows now. */
export function flushRateLimits(): Promise<void> {
  return apiCounter.flushAll((key) => rateLimit(key.slice(0, key.indexOf(':')) as RateLimitName));
}

/** Gives back the hit `subject` took against the named limit (a right password). */
export async function refundLimit(name: RateLimitName, subject: string): Promise<void> {
  await getDb()
    .update(rateLimitBuckets)
    .set({ count: sql`greatest(${rateLimitBuckets.count} - 1, 0)` })
    .where(eq(rateLimitBuckets.key, `${name}:${subject}`));
}
