import 'server-only';
import { and, asc, desc, eq, ilike, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { literalLimit, prepared, type Tx } from '@/db/client';
import { memberships, roles, type Role } from '@/db/schema';
import { now } from '@/lib/clock';
import { csvStream } from '@/lib/csv';
import { isAdminLevel } from '@/lib/rbac';
import { lineText } from '@/lib/validation/text';
import { decodeCursor, encodeCursor, instantKey, timestampKey } from './keyset';
import {
  memberListQuerySchema,
  membershipIdSchema,
  SEARCH_COUNT_CAP,
  type MemberSort,
  type MemberStatus,
  memberTargetSchema,
  suspendMemberSchema,
  updateMemberRoleSchema,
  type MemberListQuery,
} from '@/lib/validation/members';
import { authorize, roleGrants, type Actor } from './actor';
import { assertAdminRemains, lockOrganisation } from './admin-invariant';
import { recordAudit } from './audit-log';
import { assertWithin } from './grants';
import { replaceTokenKey } from './memberships';
import { ServiceError, parseInput, type Result } from './result';
import { assignableRole } from './roles';
import { likeContaining } from './sql';
import { mutation } from './tx';

export interface MemberRow {
  id: string;
  email: string;
  tokenKey: string;
  createdAt: Date;
  /** Set while the member is suspended (no access, role kept). */
  suspendedAt: Date | null;
  role: { id: string; key: Role['key']; name: string };
}

// Pages by keyset (lib/services/keyset.ts). A cursor holds the sort, its direction and
// the row's key in that order: a cursor made for another order starts at the first page.

const memberCursors = {
  created: z.tuple([z.literal('created'), z.enum(['asc', 'desc']), instantKey, z.uuid()]),
  email: z.tuple([z.literal('email'), z.enum(['asc', 'desc']), lineText({ max: 254 }), z.uuid()]),
  role: z.tuple([
    z.literal('role'),
    z.enum(['asc', 'desc']),
    lineText({ max: 254 }),
    z.uuid(),
    instantKey,
    z.uuid(),
  ]),
} as const;
type CursorKey = {
  created: [string, string];
  email: [string, string];
  role: [string, string, string, string];
};

function memberCursor<S extends MemberSort>(raw: string | undefined, sort: S, dir: 'asc' | 'desc') {
  const key = decodeCursor<readonly unknown[]>(raw, memberCursors[sort]);
  return key && key[1] === dir ? (key.slice(2) as CursorKey[S]) : null;
}

/** The member's created_at to the microsecond. */
const createdKey = timestampKey(memberships.createdAt);

export interface MemberPage {
  rows: MemberRow[];
  /** Members matching the filter; for a search, counted up to SEARCH_COUNT_CAP. */
  total: number;
  /** True when `total` is the cap and more match. */
  totalCapped: boolean;
  query: MemberListQuery;
  /** Cursors for the Next and Previous links; null where there is no such page. */
  next: string | null;
  prev: string | null;
  /** Row number of the first row, when the link said or it is known. */
  from: number | null;
}

/**
 * One page of the organisation's members: filter, search and order run on the indexes
 * of `memberships`, pages by keyset. The total of the whole membership or of one role
 * is kept on the roles (no count over members); a search's is counted up to a cap.
 */
export async function listMembers(
  actor: Actor,
  rawQuery: unknown,
  /**
   * The organisation's roles with their counts, when the caller reads them anyway: the
   * total comes from them. A promise, so the page's query need not wait for them.
   */
  known?: { roles: Promise<{ id: string; memberCount: number; suspendedCount: number }[]> },
): Promise<MemberPage> {
  authorize(actor, 'users:read');
  const query = memberListQuerySchema.parse(rawQuery ?? {});
  const { sort, size } = query;
  const dir = query.dir ?? (sort === 'created' ? 'desc' : 'asc');
  const backward = !query.after && (!!query.before || query.last);
  const raw = query.after ?? (backward ? query.before : undefined);
  const key = memberCursor(raw, sort, dir);
  const org = actor.organisationId;

  // Every value goes in as a parameter of a prepared variant (db/client.ts, `prepared`).
  const values = {
    org,
    role: query.role ?? null,
    q: query.q ? likeContaining(query.q.toLowerCase()) : null,
    k0: key?.[0] ?? null,
    k1: key?.[1] ?? null,
    k2: key?.[2] ?? null,
    k3: key?.[3] ?? null,
  };
  const shape = { role: !!query.role, q: !!query.q, key: !!key, status: query.status };
  // A search counts its matches (capped) alongside the page rather than after it: a
  // search matching many waits for one round trip, not two.
  const [found, n] = await Promise.all([
    sort === 'role'
      ? pageByRole(shape, (dir === 'asc') !== backward, !backward, size + 1).execute(values)
      : pageByColumn(sort, shape, (dir === 'asc') !== backward, size + 1).execute(values),
    query.q
      ? searchCount(shape.role, shape.status)
          .execute(values)
          .then((rows) => Number(rows[0]?.n ?? 0))
      : known
        ? known.roles.then((roles) =>
            roles.reduce(
              (sum, r) => sum + (!query.role || r.id === query.role ? countOf(r, query.status) : 0),
              0,
            ),
          )
        : memberTotal(shape.role)
            .execute(values)
            .then((rows) => (rows[0] ? countOf(rows[0], query.status) : 0)),
  ]);
  const totalCapped = !!query.q && n > SEARCH_COUNT_CAP;
  const total = totalCapped ? SEARCH_COUNT_CAP : n;

  const more = found.length > size;
  // Back at the start: show the first page itself, full, rather than its remainder.
  if (backward && !more && raw && !query.last)
    return listMembers(
      actor,
      { ...query, before: undefined, from: undefined, last: undefined },
      known,
    );
  const page = found.slice(0, size);
  if (backward) page.reverse();
  const cursorOf = (row: FoundRow | undefined) =>
    row ? encodeCursor([sort, dir, ...keyOf(sort, row)]) : null;
  const next = backward
    ? query.before
      ? cursorOf(page.at(-1))
      : null
    : more
      ? cursorOf(page.at(-1))
      : null;
  const prev = backward ? (more ? cursorOf(page[0]) : null) : raw ? cursorOf(page[0]) : null;
  const from =
    !raw && !query.last
      ? 1
      : query.last && !totalCapped
        ? Math.max(1, total - page.length + 1)
        : (query.from ?? null);
  return {
    rows: page.map(({ createdKey: _key, ...row }) => row),
    total,
    totalCapped,
    query,
    next,
    prev,
    from,
  };
}

type FoundRow = MemberRow & { createdKey: string };

/** A row's place in the order `sort`: what a cursor holds. */
function keyOf(sort: MemberSort, row: FoundRow): string[] {
  return sort === 'created'
    ? [row.createdKey, row.id]
    : sort === 'email'
      ? [row.email, row.id]
      : [row.role.name, row.role.id, row.createdKey, row.id];
}

export const MEMBERS_CSV_BATCH = 1000;
export const MEMBERS_CSV_COLUMNS = [
  'email',
  'permission_level',
  'token_key',
  'created_at_utc',
  'membership_id',
  'role_id',
] as const;

/**
 * The user list as CSV with the filters, search and order of its URL (paging aside):
 * every matching member, read in keyset batches of the same indexed queries as the
 * pages, one batch at a time as the client takes them. Throws a ServiceError before
 * streaming anything when the actor may not read the list.
 */
export function streamMembersCsv(
  actor: Actor,
  rawQuery: unknown,
  { batchSize = MEMBERS_CSV_BATCH }: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  authorize(actor, 'users:read');
  const query = memberListQuerySchema.parse(rawQuery ?? {});
  const { sort } = query;
  const ascending = (query.dir ?? (sort === 'created' ? 'desc' : 'asc')) === 'asc';
  let key: string[] | null = null;
  return csvStream(
    MEMBERS_CSV_COLUMNS,
    batchSize,
    async () => {
      const values = {
        org: actor.organisationId,
        role: query.role ?? null,
        q: query.q ? likeContaining(query.q.toLowerCase()) : null,
        k0: key?.[0] ?? null,
        k1: key?.[1] ?? null,
        k2: key?.[2] ?? null,
        k3: key?.[3] ?? null,
        take: batchSize,
      };
      const shape = { role: !!query.role, q: !!query.q, key: !!key, status: query.status };
      const rows: FoundRow[] =
        sort === 'role'
          ? await pageByRole(shape, ascending, true, null).execute(values)
          : await pageByColumn(sort, shape, ascending, null).execute(values);
      const last = rows.at(-1);
      if (last) key = keyOf(sort, last);
      return rows;
    },
    (m) => [m.email, m.role.name, m.tokenKey, m.createdAt.toISOString(), m.id, m.role.id],
  );
}
/** The list's filter and search, without order or paging: what "all matching" selects. */
export type MemberFilter = Pick<MemberListQuery, 'q' | 'role' | 'status'>;

const batchCursor = z.tuple([instantKey, z.uuid()]);

/**
 * The next `take` members of the actor's organisation matching `filter`, newest first
 * after the cursor `after` (from the previous batch), by the user list's own indexed
 * query: members that stop matching as a bulk change goes on are never skipped or met
 * twice. Authorization is the caller's (a bulk change checks its own permission).
 */
export async function matchingMemberBatch(
  organisationId: string,
  filter: MemberFilter,
  after: string | undefined,
  take: number,
): Promise<{ ids: string[]; next: string | null }> {
  const key = decodeCursor(after, batchCursor);
  if (after && !key)
    throw new ServiceError('invalid', 'Please correct the highlighted fields.', {
      after: 'This is not the `next` of an earlier answer.',
    });
  const shape = { role: !!filter.role, q: !!filter.q, key: !!key, status: filter.status };
  const rows = await pageByColumn('created', shape, false, null).execute({
    org: organisationId,
    role: filter.role ?? null,
    q: filter.q ? likeContaining(filter.q.toLowerCase()) : null,
    k0: key?.[0] ?? null,
    k1: key?.[1] ?? null,
    k2: null,
    k3: null,
    take,
  });
  const last = rows.at(-1);
  return {
    ids: rows.map((r) => r.id),
    next: rows.length === take && last ? encodeCursor([last.createdKey, last.id]) : null,
  };
}

type Shape = { role: boolean; q: boolean; key: boolean; status?: MemberStatus };
const shapeKey = (shape: Shape) =>
  `${+shape.role}${+shape.q}${+shape.key}${shape.status?.[0] ?? ''}`;

/** Members of a role (or of all, summed) in a status, from the counts kept on the roles. */
function countOf(
  counts: { memberCount: number; suspendedCount: number },
  status: MemberStatus | undefined,
): number {
  const n = Number(counts.memberCount);
  const suspended = Number(counts.suspendedCount);
  return status === 'suspended' ? suspended : status === 'active' ? n - suspended : n;
}
const p = (name: string) => sql.placeholder(name);

/** Filter and search of a prepared member query, as parameters. */
function memberFilters(shape: Shape): (SQL | undefined)[] {
  return [
    eq(memberships.organisationId, p('org')),
    shape.role ? eq(memberships.roleId, p('role')) : undefined,
    shape.q ? ilike(memberships.email, p('q')) : undefined,
    statusFilter(shape.status),
  ];
}

const statusFilter = (status: MemberStatus | undefined) =>
  status === 'suspended'
    ? isNotNull(memberships.suspendedAt)
    : status === 'active'
      ? isNull(memberships.suspendedAt)
      : undefined;

/**
 * The user list's row limit is written into its statement (`literalLimit`, db/client.ts):
 * three page sizes, three statements. Batches (the CSV export, bulk changes) take theirs
 * as a parameter (`null` here), planned each call, which costs little next to a batch.
 */
type Take = number | null;
const limitOf = (take: Take) => (take === null ? p('take') : literalLimit(take));

/** Newest first, or by email: one index range scan from the cursor. */
function pageByColumn(sort: 'created' | 'email', shape: Shape, ascending: boolean, take: Take) {
  const name = `members_${sort}_${+ascending}_${shapeKey(shape)}_${take ?? 'n'}`;
  return prepared(
    name,
    (db) => {
      const by = ascending ? asc : desc;
      const first = sort === 'email' ? memberships.email : memberships.createdAt;
      const bound = sort === 'email' ? sql`${p('k0')}` : sql`${p('k0')}::timestamptz`;
      return db
        .select({
          id: memberships.id,
          email: memberships.email,
          tokenKey: memberships.tokenKey,
          createdAt: memberships.createdAt,
          suspendedAt: memberships.suspendedAt,
          createdKey,
          role: { id: roles.id, key: roles.key, name: roles.name },
        })
        .from(memberships)
        .innerJoin(roles, eq(roles.id, memberships.roleId))
        .where(
          and(
            ...memberFilters(shape),
            shape.key
              ? ascending
                ? sql`(${first}, ${memberships.id}) > (${bound}, ${p('k1')}::uuid)`
                : sql`(${first}, ${memberships.id}) < (${bound}, ${p('k1')}::uuid)`
              : undefined,
          ),
        )
        .orderBy(by(first), by(memberships.id))
        .limit(limitOf(take))
        .prepare(name);
    },
    { planEachCall: shape.q },
  );
}

/**
 * By Permission Level: roles in name order, each role's members newest first. The few
 * roles are walked in order and each is read from the (organisation, role, created)
 * index, a LATERAL join that stops once the page is full: no sort over the membership.
 */
function pageByRole(shape: Shape, rolesAscending: boolean, newestFirst: boolean, take: Take) {
  const name = `members_role_${+rolesAscending}_${+newestFirst}_${shapeKey(shape)}_${take ?? 'n'}`;
  return prepared(
    name,
    (db) => {
      const r = db
        .select({ id: roles.id, key: roles.key, name: roles.name })
        .from(roles)
        .where(
          and(
            eq(roles.organisationId, p('org')),
            shape.role ? eq(roles.id, p('role')) : undefined,
            shape.key
              ? rolesAscending
                ? sql`(${roles.name}, ${roles.id}) >= (${p('k0')}, ${p('k1')}::uuid)`
                : sql`(${roles.name}, ${roles.id}) <= (${p('k0')}, ${p('k1')}::uuid)`
              : undefined,
          ),
        )
        .as('r');
      const m = db
        .select({
          id: memberships.id,
          email: memberships.email,
          tokenKey: memberships.tokenKey,
          createdAt: memberships.createdAt,
          suspendedAt: memberships.suspendedAt,
          createdKey: createdKey.as('created_key'),
        })
        .from(memberships)
        .where(
          and(
            eq(memberships.organisationId, p('org')),
            sql`${memberships.roleId} = ${r.id}`,
            shape.q ? ilike(memberships.email, p('q')) : undefined,
            statusFilter(shape.status),
            shape.key
              ? newestFirst
                ? sql`(${r.id} <> ${p('k1')}::uuid or (${memberships.createdAt}, ${memberships.id}) < (${p('k2')}::timestamptz, ${p('k3')}::uuid))`
                : sql`(${r.id} <> ${p('k1')}::uuid or (${memberships.createdAt}, ${memberships.id}) > (${p('k2')}::timestamptz, ${p('k3')}::uuid))`
              : undefined,
          ),
        )
        .orderBy(
          ...(newestFirst
            ? [desc(memberships.createdAt), desc(memberships.id)]
            : [asc(memberships.createdAt), asc(memberships.id)]),
        )
        .limit(limitOf(take))
        .as('m');
      const byRole = rolesAscending ? asc : desc;
      const byMember = newestFirst ? desc : asc;
      return db
        .select({
          id: m.id,
          email: m.email,
          tokenKey: m.tokenKey,
          createdAt: m.createdAt,
          suspendedAt: m.suspendedAt,
          createdKey: m.createdKey,
          role: { id: r.id, key: r.key, name: r.name },
        })
        .from(r)
        .crossJoinLateral(m)
        .orderBy(byRole(r.name), byRole(r.id), byMember(m.createdAt), byMember(m.id))
        .limit(limitOf(take))
        .prepare(name);
    },
    { planEachCall: shape.q },
  );
}

/** A search's matches, counted up to one more than the cap. */
function searchCount(role: boolean, status: MemberStatus | undefined) {
  const name = `members_search_count_${+role}${status?.[0] ?? ''}`;
  return prepared(
    name,
    (db) =>
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(
          db
            .select({ one: sql`1`.as('one') })
            .from(memberships)
            .where(and(...memberFilters({ role, q: true, key: false, status })))
            .limit(SEARCH_COUNT_CAP + 1)
            .as('matches'),
        )
        .prepare(name),
    { planEachCall: true },
  );
}

/** The organisation's (or one role's) members, from the counts kept on the roles. */
function memberTotal(role: boolean) {
  return prepared(`members_total_${+role}`, (db) =>
    db
      .select({
        memberCount: sql<number>`coalesce(sum(${roles.memberCount}), 0)::int`,
        suspendedCount: sql<number>`coalesce(sum(${roles.suspendedCount}), 0)::int`,
      })
      .from(roles)
      .where(and(eq(roles.organisationId, p('org')), role ? eq(roles.id, p('role')) : undefined))
      .prepare(`members_total_${+role}`),
  );
}

/** One member of the actor's organisation with their role; null when not in it. */
export async function getMember(actor: Actor, membershipId: string) {
  authorize(actor, 'users:read');
  return memberView(actor, membershipId);
}

/**
 * The member a mutation of the actor's has just changed, for its response: the mutation
 * was authorized, and its answer needs no permission the mutation did not.
 */
export async function getChangedMember(actor: Actor, membershipId: string) {
  return memberView(actor, membershipId);
}

const memberById = () =>
  prepared('member_by_id', (db) =>
    db
      .select({
        id: memberships.id,
        accountId: memberships.accountId,
        email: memberships.email,
        tokenKey: memberships.tokenKey,
        createdAt: memberships.createdAt,
        suspendedAt: memberships.suspendedAt,
        suspensionReason: memberships.suspensionReason,
        lastActiveAt: memberships.lastActiveAt,
        role: roles,
      })
      .from(memberships)
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(and(eq(memberships.id, p('id')), eq(memberships.organisationId, p('org'))))
      .limit(1)
      .prepare('member_by_id'),
  );

async function memberView(actor: Actor, membershipId: string) {
  const id = membershipIdSchema.safeParse(membershipId);
  if (!id.success) return null;
  const [row] = await memberById().execute({ id: id.data, org: actor.organisationId });
  if (!row) return null;
  const grants = roleGrants(row.role);
  return {
    id: row.id,
    email: row.email,
    tokenKey: row.tokenKey,
    createdAt: row.createdAt,
    suspendedAt: row.suspendedAt,
    suspensionReason: row.suspensionReason,
    lastActiveAt: row.lastActiveAt,
    isSelf: row.accountId === actor.accountId,
    role: {
      id: row.role.id,
      key: row.role.key,
      name: row.role.name,
      description: row.role.description,
      ...grants,
    },
  };
}

// ---------------------------------------------------------------------------------
// Mutations: each in one transaction with its audit event.

async function loadTarget(tx: Tx, actor: Actor, membershipId: string) {
  const [row] = await tx
    .select({ membership: memberships, role: roles })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(
      and(eq(memberships.id, membershipId), eq(memberships.organisationId, actor.organisationId)),
    )
    .limit(1)
    .for('update', { of: memberships });
  if (!row) throw new ServiceError('not_found', 'This user is not a member of your organisation.');
  // Acting above yourself is refused: the member's role must be within the actor's.
  assertMemberWithin(actor, row.membership, row.role);
  return row;
}

/** The refusal of acting on a member whose role holds more than the actor does. */
export function assertMemberWithin(
  actor: Actor,
  member: { email: string },
  role: Pick<Role, 'key' | 'name' | 'permissions' | 'audiences'>,
): void {
  assertWithin(
    actor,
    roleGrants(role),
    (lacking) =>
      `You cannot change ${member.email}: their role ${role.name} holds what you do not (${lacking}).`,
  );
}

export const memberTarget = (m: { id: string; email: string }) => ({
  type: 'member',
  id: m.id,
  label: m.email,
});
const target = memberTarget;

/**
 * Gives a member another role. The new role takes effect on their next request; their
 * Token Key is replaced, so their bintu tokens stop working. Playback tokens stay valid.
 */
export async function updateMemberRole(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ tokenKey: string; role: { id: string; name: string } }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:update');
    const { membershipId, roleId } = parseInput(updateMemberRoleSchema, raw);
    await lockOrganisation(tx, actor.organisationId);
    const current = await loadTarget(tx, actor, membershipId);
    const next = await assignableRole(tx, actor, roleId, 'assign');
    if (next.id === current.role.id) {
      throw new ServiceError(
        'conflict',
        `${current.membership.email} already has the ${next.name} role.`,
        { roleId: 'Choose a different role.' },
      );
    }
    if (
      isAdminLevel(roleGrants(current.role).permissions) &&
      !isAdminLevel(roleGrants(next).permissions)
    ) {
      await assertAdminRemains(tx, actor.organisationId, { membershipId });
    }
    const tokenKey = await replaceTokenKey(tx, membershipId, { roleId: next.id });
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'member.role_changed',
      target: target(current.membership),
      before: {
        role: current.role.name,
        roleId: current.role.id,
        tokenKey: current.membership.tokenKey,
      },
      after: { role: next.name, roleId: next.id, tokenKey },
    });
    return { ok: true as const, tokenKey, role: { id: next.id, name: next.name } };
  });
}

/** Replaces a member's Token Key: every bintu token of theirs stops working at once. */
export async function resetMemberToken(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ tokenKey: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:reset-token');
    const { membershipId } = parseInput(memberTargetSchema, raw);
    const current = await loadTarget(tx, actor, membershipId);
    const tokenKey = await replaceTokenKey(tx, current.membership.id);
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'member.token_reset',
      target: target(current.membership),
      before: { tokenKey: current.membership.tokenKey },
      after: { tokenKey },
    });
    return { ok: true as const, tokenKey };
  });
}

/**
 * Removes a member from the organisation. The account stays (it may belong to other
 * organisations); the member's bintu tokens go with the membership.
 */
export async function deleteMember(actor: Actor, raw: unknown): Promise<Result<{ email: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:delete');
    const { membershipId } = parseInput(memberTargetSchema, raw);
    await lockOrganisation(tx, actor.organisationId);
    const current = await loadTarget(tx, actor, membershipId);
    if (isAdminLevel(roleGrants(current.role).permissions)) {
      await assertAdminRemains(tx, actor.organisationId, { membershipId: current.membership.id });
    }
    await tx.delete(memberships).where(eq(memberships.id, current.membership.id));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'member.deleted',
      target: target(current.membership),
      before: {
        email: current.membership.email,
        role: current.role.name,
        tokenKey: current.membership.tokenKey,
        createdAt: current.membership.createdAt.toISOString(),
      },
    });
    return { ok: true as const, email: current.membership.email };
  });
}

/**
 * Suspends a member: they keep their role and history but lose access on their next
 * request (dashboard, REST API, new playback tokens); playback tokens already issued stay
 * valid until they expire. The last active admin cannot be suspended.
 */
export async function suspendMember(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ email: string; suspendedAt: Date }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:suspend');
    const { membershipId, reason } = parseInput(suspendMemberSchema, raw);
    await lockOrganisation(tx, actor.organisationId);
    const current = await loadTarget(tx, actor, membershipId);
    if (current.membership.suspendedAt)
      throw new ServiceError('conflict', `${current.membership.email} is already suspended.`);
    if (current.membership.accountId === actor.accountId)
      throw new ServiceError('conflict', 'You cannot suspend yourself.');
    if (isAdminLevel(roleGrants(current.role).permissions)) {
      await assertAdminRemains(
        tx,
        actor.organisationId,
        { membershipId: current.membership.id },
        'This is the last active admin of the organisation. Give another member an admin role first.',
      );
    }
    const suspendedAt = now();
    await tx
      .update(memberships)
      .set({ suspendedAt, suspensionReason: reason ?? null })
      .where(eq(memberships.id, current.membership.id));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'member.suspended',
      target: target(current.membership),
      before: { status: 'active' },
      after: { status: 'suspended', reason: reason ?? null, role: current.role.name },
    });
    return { ok: true as const, email: current.membership.email, suspendedAt };
  });
}

/** Gives a suspended member their access back, with the role they kept. */
export async function reactivateMember(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ email: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:suspend');
    const { membershipId } = parseInput(memberTargetSchema, raw);
    const current = await loadTarget(tx, actor, membershipId);
    if (!current.membership.suspendedAt)
      throw new ServiceError('conflict', `${current.membership.email} is not suspended.`);
    await tx
      .update(memberships)
      .set({ suspendedAt: null, suspensionReason: null })
      .where(eq(memberships.id, current.membership.id));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'member.reactivated',
      target: target(current.membership),
      before: {
        status: 'suspended',
        since: current.membership.suspendedAt.toISOString(),
        reason: current.membership.suspensionReason,
      },
      after: { status: 'active', role: current.role.name },
    });
    return { ok: true as const, email: current.membership.email };
  });
}
