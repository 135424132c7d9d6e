import 'server-only';
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { sessions } from '@/db/schema';
import type { RequestContext } from './actor';
import { fail, type Result } from './result';

// Sessions live on the server (docs/security.md, "Sessions"): the cookie names a row
// here, and every request checks the row, so ending a session ends it at once.

/** A session unused this long is over, whatever its cookie says. */
export const SESSION_IDLE_SECONDS = 30 * 24 * 3600;
/** `last_seen_at` is written at most this often per session, not on every request. */
const TOUCH_SECONDS = 300;

const sessionId = z.uuid();
export const isSessionId = (value: unknown): value is string => sessionId.safeParse(value).success;

/** The SQL condition of a session still in use. */
export const sessionAlive = () =>
  gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${SESSION_IDLE_SECONDS})`);

/** Records a sign-in; returns the id the session cookie carries. */
export async function startSession(accountId: string, context: RequestContext): Promise<string> {
  const db = getDb();
  // Sessions of this account that ran out are removed as new ones start.
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.accountId, accountId),
        lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${SESSION_IDLE_SECONDS})`),
      ),
    );
  const [row] = await db
    .insert(sessions)
    .values({ accountId, ip: context.ip, userAgent: context.userAgent })
    .returning({ id: sessions.id });
  return row!.id;
}

/** Marks the session as used now, at most once per TOUCH_SECONDS. */
export async function touchSession(id: string, lastSeenAt: Date): Promise<void> {
  if (Date.now() - lastSeenAt.getTime() < TOUCH_SECONDS * 1000) return;
  await getDb()
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, id));
}

/** Signing out: this session ends. */
export async function endSession(id: string): Promise<void> {
  if (!isSessionId(id)) return;
  await getDb().delete(sessions).where(eq(sessions.id, id));
}

/** "Sign out everywhere": every session of the account ends. */
export async function endAllSessions(accountId: string): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.accountId, accountId));
}

export interface SessionView {
  id: string;
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** The account's sessions in use, most recently used first. */
export async function listSessions(accountId: string, currentId: string): Promise<SessionView[]> {
  const rows = await getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), sessionAlive()))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    current: r.id === currentId,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    ip: r.ip,
    userAgent: r.userAgent,
  }));
}

/** Ends one session of the account's own; another account's id is simply not found. */
export async function revokeSession(accountId: string, raw: unknown): Promise<Result> {
  const parsed = z.object({ sessionId }).safeParse(raw);
  if (!parsed.success) return fail('invalid', 'Unknown session.');
  const gone = await getDb()
    .delete(sessions)
    .where(and(eq(sessions.id, parsed.data.sessionId), eq(sessions.accountId, accountId)))
    .returning({ id: sessions.id });
  return gone.length ? { ok: true } : fail('not_found', 'This session has already ended.');
}
