import 'server-only';
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, prepared } from '@/db/client';
import { bintuTokens, memberships, roles, type Role } from '@/db/schema';
import { now } from '@/lib/clock';
import { ALL_PERMISSIONS, isAdminLevel } from '@/lib/rbac';
import {
  accessReviewQuerySchema,
  UNUSED_TOKEN_DAYS,
  type AccessReviewQuery,
} from '@/lib/validation/access-review';
import { SEARCH_COUNT_CAP } from '@/lib/validation/members';
import { authorize, type Actor } from './actor';
import { decodeCursor, encodeCursor, instantKey, timestampKey } from './keyset';
import { listRoles } from './roles';

// The access review (docs/product.md, "Access review"): who has not used their access
// for a while, bintu tokens nobody uses, and who holds the most. Readable by whoever may
// read the user list (`users:read`), always within the actor's organisation.

/** Inactive members per page. */
export const INACTIVE_PAGE_SIZE = 50;
/** The token and admin lists show at most this many rows (the counts say how many more). */
export const REVIEW_LIST_LIMIT = 100;
/** Custom roles shown, widest first. */
export const WIDE_ROLES_SHOWN = 10;

const DAY_MS = 24 * 3600 * 1000;
const p = (name: string) => sql.placeholder(name);
/** Nobody's membership id: stands for "no member to leave out" (an API key's actor). */
const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/**
 * A member's place in the inactive order: never active first, then the longest inactive.
 * The same expression as `memberships_org_last_active_idx` (db/schema/memberships.ts).
 */
const lastActiveOrder = sql`coalesce(${memberships.lastActiveAt}, '-infinity'::timestamptz)`;
const lastActiveKey = sql<string>`case when ${memberships.lastActiveAt} is null then '-infinity' else ${timestampKey(memberships.lastActiveAt)} end`;
const inactiveCursor = z.tuple([
  z.literal('inactive'),
  z.union([z.literal('-infinity'), instantKey]),
  z.uuid(),
]);

/** The members that count as inactive: not suspended, not the viewer, stale or never seen. */
const inactiveFilter = () =>
  and(
    eq(memberships.organisationId, p('org')),
    isNull(memberships.suspendedAt),
    sql`${memberships.id} <> ${p('self')}::uuid`,
    sql`${lastActiveOrder} < ${p('cutoff')}::timestamptz`,
  );

function inactivePage(withKey: boolean) {
  const name = `review_inactive_${+withKey}`;
  return prepared(name, (db) =>
    db
      .select({
        id: memberships.id,
        email: memberships.email,
        createdAt: memberships.createdAt,
        lastActiveAt: memberships.lastActiveAt,
        key: lastActiveKey,
        role: { id: roles.id, key: roles.key, name: roles.name },
      })
      .from(memberships)
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(
        and(
          inactiveFilter(),
          withKey
            ? sql`(${lastActiveOrder}, ${memberships.id}) > (${p('k0')}::timestamptz, ${p('k1')}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(lastActiveOrder), asc(memberships.id))
      .limit(p('take'))
      .prepare(name),
  );
}

/** The inactive members, counted up to one more than the cap on one index range. */
const inactiveCount = () =>
  prepared('review_inactive_count', (db) =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(
        db
          .select({ one: sql`1`.as('one') })
          .from(memberships)
          .where(inactiveFilter())
          .limit(SEARCH_COUNT_CAP + 1)
          .as('inactive'),
      )
      .prepare('review_inactive_count'),
  );

export interface InactiveMember {
  id: string;
  email: string;
  createdAt: Date;
  /** Null: never active (since activity is recorded). */
  lastActiveAt: Date | null;
  role: { id: string; key: Role['key']; name: string };
}

export interface InactiveMembersPage {
  query: AccessReviewQuery;
  rows: InactiveMember[];
  /** Inactive members in all, counted up to SEARCH_COUNT_CAP. */
  total: number;
  totalCapped: boolean;
  /** The cursor of the next page, or null on the last. */
  next: string | null;
  /** Row number of the first row, when the link said or it is the first page. */
  from: number | null;
}

/**
 * Members of the actor's organisation not active for `days` (30, 90 or 180) days, never
 * active ones included, oldest activity first, paged by keyset. Suspended members are
 * left out (they have no access to review), and so is the viewer (active right now).
 */
export async function listInactiveMembers(
  actor: Actor,
  rawQuery: unknown,
): Promise<InactiveMembersPage> {
  authorize(actor, 'users:read');
  const query = accessReviewQuerySchema.parse(rawQuery ?? {});
  const key = decodeCursor(query.after, inactiveCursor);
  const values = {
    org: actor.organisationId,
    self: actor.membershipId ?? NO_MEMBER,
    cutoff: new Date(now().getTime() - query.days * DAY_MS).toISOString(),
    k0: key?.[1] ?? null,
    k1: key?.[2] ?? null,
    take: INACTIVE_PAGE_SIZE + 1,
  };
  const [found, counted] = await Promise.all([
    inactivePage(!!key).execute(values),
    inactiveCount().execute(values),
  ]);
  const n = Number(counted[0]?.n ?? 0);
  const page = found.slice(0, INACTIVE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    query,
    rows: page.map(({ key: _key, ...row }) => row),
    total: Math.min(n, SEARCH_COUNT_CAP),
    totalCapped: n > SEARCH_COUNT_CAP,
    next:
      found.length > INACTIVE_PAGE_SIZE && last
        ? encodeCursor(['inactive', last.key, last.id])
        : null,
    from: key ? (query.from ?? null) : 1,
  };
}

export interface UnusedToken {
  id: string;
  member: { id: string; email: string };
  createdAt: Date;
  expiresAt: Date;
  /** Null: never used. */
  lastUsedAt: Date | null;
}

/**
 * Bintu tokens of the organisation that still work (not expired, issued under the
 * member's current Token Key, member not suspended) and were never used or not for
 * UNUSED_TOKEN_DAYS days, oldest first; at most REVIEW_LIST_LIMIT, `more` when there are.
 */
export async function listUnusedTokens(
  actor: Actor,
): Promise<{ rows: UnusedToken[]; more: boolean }> {
  authorize(actor, 'users:read');
  const at = now();
  const cutoff = new Date(at.getTime() - UNUSED_TOKEN_DAYS * DAY_MS);
  const found = await getDb()
    .select({
      id: bintuTokens.id,
      member: { id: memberships.id, email: memberships.email },
      createdAt: bintuTokens.createdAt,
      expiresAt: bintuTokens.expiresAt,
      lastUsedAt: bintuTokens.lastUsedAt,
    })
    .from(bintuTokens)
    .innerJoin(
      memberships,
      and(
        eq(memberships.id, bintuTokens.membershipId),
        eq(memberships.tokenKey, bintuTokens.tokenKey),
      ),
    )
    .where(
      and(
        eq(memberships.organisationId, actor.organisationId),
        isNull(memberships.suspendedAt),
        gt(bintuTokens.expiresAt, at),
        or(isNull(bintuTokens.lastUsedAt), lt(bintuTokens.lastUsedAt, cutoff)),
      ),
    )
    .orderBy(asc(bintuTokens.createdAt), asc(bintuTokens.id))
    .limit(REVIEW_LIST_LIMIT + 1);
  return { rows: found.slice(0, REVIEW_LIST_LIMIT), more: found.length > REVIEW_LIST_LIMIT };
}

export interface AdminMember {
  id: string;
  email: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  suspendedAt: Date | null;
  role: { id: string; key: Role['key']; name: string };
}

export interface WideRole {
  id: string;
  name: string;
  permissionCount: number;
  memberCount: number;
  adminLevel: boolean;
}

/**
 * Who holds the most: the members whose role is admin-level (`isAdminLevel`, suspended
 * ones marked), by email, at most REVIEW_LIST_LIMIT with their number from the counts
 * kept on the roles; and the custom roles with the most permissions, with their member
 * counts (also kept on the roles).
 */
export async function listPrivilegedAccess(actor: Actor): Promise<{
  admins: AdminMember[];
  adminCount: number;
  wideRoles: WideRole[];
  customRoleCount: number;
  permissionCount: number;
}> {
  authorize(actor, 'users:read');
  const all = await listRoles(actor);
  const adminRoles = all.filter((r) => isAdminLevel(r.permissions));
  const admins = adminRoles.length
    ? await getDb()
        .select({
          id: memberships.id,
          email: memberships.email,
          createdAt: memberships.createdAt,
          lastActiveAt: memberships.lastActiveAt,
          suspendedAt: memberships.suspendedAt,
          role: { id: roles.id, key: roles.key, name: roles.name },
        })
        .from(memberships)
        .innerJoin(roles, eq(roles.id, memberships.roleId))
        .where(
          and(
            eq(memberships.organisationId, actor.organisationId),
            inArray(
              memberships.roleId,
              adminRoles.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(memberships.email), asc(memberships.id))
        .limit(REVIEW_LIST_LIMIT)
    : [];
  const custom = all.filter((r) => !r.isDefault);
  const wideRoles = custom
    .map((r) => ({
      id: r.id,
      name: r.name,
      permissionCount: r.permissions.length,
      memberCount: r.memberCount,
      adminLevel: isAdminLevel(r.permissions),
    }))
    .sort((a, b) => b.permissionCount - a.permissionCount || a.name.localeCompare(b.name))
    .slice(0, WIDE_ROLES_SHOWN);
  return {
    admins,
    adminCount: adminRoles.reduce((sum, r) => sum + r.memberCount, 0),
    wideRoles,
    customRoleCount: custom.length,
    permissionCount: ALL_PERMISSIONS.length,
  };
}
