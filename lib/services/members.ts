import 'server-only';
import { and, asc, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { bintuTokens, memberships, roles, type Role } from '@/db/schema';
import { newTokenKey } from '@/lib/crypto';
import { isAdminLevel } from '@/lib/rbac';
import {
  memberListQuerySchema,
  membershipIdSchema,
  memberTargetSchema,
  updateMemberRoleSchema,
  type MemberListQuery,
} from '@/lib/validation/members';
import { authorize, roleGrants, type Actor } from './actor';
import { assertAdminRemains, lockOrganisation } from './admin-invariant';
import { recordAudit } from './audit-log';
import { assertWithin } from './grants';
import { ServiceError, parseInput, type Result } from './result';
import { mutation } from './tx';

export interface MemberRow {
  id: string;
  email: string;
  tokenKey: string;
  createdAt: Date;
  role: { id: string; key: Role['key']; name: string };
}

const memberColumns = {
  id: memberships.id,
  email: memberships.email,
  tokenKey: memberships.tokenKey,
  createdAt: memberships.createdAt,
  role: { id: roles.id, key: roles.key, name: roles.name },
};

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of the organisation's members. Filter, search and order run on the indexes of
 * `memberships` (organisation + created, + role, + email; trigram for the search); the
 * page and its total are two indexed queries sent together, never the whole membership.
 */
export async function listMembers(
  actor: Actor,
  rawQuery: unknown,
): Promise<{ rows: MemberRow[]; total: number; query: MemberListQuery; pageCount: number }> {
  authorize(actor, 'users:read');
  const query = memberListQuerySchema.parse(rawQuery ?? {});
  const filters: SQL[] = [eq(memberships.organisationId, actor.organisationId)];
  if (query.role) filters.push(eq(memberships.roleId, query.role));
  if (query.q) filters.push(ilike(memberships.email, `%${likeEscape(query.q.toLowerCase())}%`));
  const where = and(...filters);

  const dir = query.dir ?? (query.sort === 'created' ? 'desc' : 'asc');
  const by = dir === 'asc' ? asc : desc;
  const order =
    query.sort === 'email'
      ? [by(memberships.email), by(memberships.id)]
      : query.sort === 'role'
        ? [by(roles.name), desc(memberships.createdAt), desc(memberships.id)]
        : [by(memberships.createdAt), by(memberships.id)];

  const db = getDb();
  const [rows, [totalRow]] = await Promise.all([
    db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(where)
      .orderBy(...order)
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db.select({ n: count() }).from(memberships).where(where),
  ]);
  const total = totalRow?.n ?? 0;
  return { rows, total, query, pageCount: Math.max(1, Math.ceil(total / query.size)) };
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

async function memberView(actor: Actor, membershipId: string) {
  const id = membershipIdSchema.safeParse(membershipId);
  if (!id.success) return null;
  const [row] = await getDb()
    .select({
      id: memberships.id,
      accountId: memberships.accountId,
      email: memberships.email,
      tokenKey: memberships.tokenKey,
      createdAt: memberships.createdAt,
      role: roles,
    })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(and(eq(memberships.id, id.data), eq(memberships.organisationId, actor.organisationId)))
    .limit(1);
  if (!row) return null;
  const grants = roleGrants(row.role);
  return {
    id: row.id,
    email: row.email,
    tokenKey: row.tokenKey,
    createdAt: row.createdAt,
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
  assertWithin(
    actor,
    roleGrants(row.role),
    (lacking) =>
      `You cannot change ${row.membership.email}: their role ${row.role.name} holds what you do not (${lacking}).`,
  );
  return row;
}

const target = (m: { id: string; email: string }) => ({ type: 'member', id: m.id, label: m.email });

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
    const [next] = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.id, roleId), eq(roles.organisationId, actor.organisationId)))
      .limit(1);
    if (!next)
      throw new ServiceError('not_found', 'That role does not exist in your organisation.', {
        roleId: 'Choose a role of your organisation.',
      });
    if (next.id === current.role.id) {
      throw new ServiceError(
        'conflict',
        `${current.membership.email} already has the ${next.name} role.`,
        { roleId: 'Choose a different role.' },
      );
    }
    const nextGrants = roleGrants(next);
    assertWithin(
      actor,
      nextGrants,
      (lacking) => `You cannot assign ${next.name}: it holds what you do not (${lacking}).`,
      { roleId: 'This role holds permissions or audiences you do not have.' },
    );
    if (
      isAdminLevel(roleGrants(current.role).permissions) &&
      !isAdminLevel(nextGrants.permissions)
    ) {
      await assertAdminRemains(tx, actor.organisationId, { membershipId });
    }
    const tokenKey = newTokenKey();
    await tx
      .update(memberships)
      .set({ roleId: next.id, tokenKey, updatedAt: sql`now()` })
      .where(eq(memberships.id, membershipId));
    await tx.delete(bintuTokens).where(eq(bintuTokens.membershipId, membershipId));
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
    const tokenKey = newTokenKey();
    await tx
      .update(memberships)
      .set({ tokenKey, updatedAt: sql`now()` })
      .where(eq(memberships.id, current.membership.id));
    await tx.delete(bintuTokens).where(eq(bintuTokens.membershipId, current.membership.id));
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
