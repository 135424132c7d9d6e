import 'server-only';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, prepared } from '@/db/client';
import { accounts, memberships, organisations, roles, sessions, type Role } from '@/db/schema';
import {
  DEFAULT_ROLES,
  can,
  isAudience,
  isDefaultRoleKey,
  isPermission,
  type Audience,
  type Grants,
  type Permission,
} from '@/lib/rbac';
import { recordActivity } from './activity';
import { ServiceError } from './result';
import { isSessionId, sessionAlive, touchSession } from './sessions';

/** Where a request came from; every audit event carries it. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const NO_CONTEXT: RequestContext = { ip: null, userAgent: null, requestId: null };

export interface ActorRole {
  id: string;
  key: Role['key'];
  name: string;
  description: string;
}

/** Whoever is acting, resolved from the database once per request. */
export interface Actor extends Grants {
  kind: 'member' | 'api_key';
  accountId: string | null;
  membershipId: string | null;
  /** Email of the member, or "API key" for the organisation key. */
  label: string;
  organisationId: string;
  organisationName: string;
  role: ActorRole;
  tokenKey: string | null;
  context: RequestContext;
  /** A member's other organisations, for the switcher (from the same query). */
  otherOrganisations?: { id: string; name: string }[];
}

/** The effective grants of a role: default roles always come from lib/rbac. */
export function roleGrants(role: Pick<Role, 'key' | 'permissions' | 'audiences'>): {
  permissions: Permission[];
  audiences: Audience[];
} {
  if (isDefaultRoleKey(role.key)) {
    const def = DEFAULT_ROLES[role.key];
    return { permissions: [...def.permissions], audiences: [...def.audiences] };
  }
  return {
    permissions: role.permissions.filter(isPermission),
    audiences: role.audiences.filter(isAudience),
  };
}

/** Every membership of an account, oldest first, with what its Actor needs. */
const actorWithoutSession = () =>
  prepared('actor', (db) =>
    db
      .select(memberActorColumns)
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(eq(memberships.accountId, sql.placeholder('accountId')))
      .orderBy(asc(memberships.createdAt))
      .prepare('actor'),
  );

/** The same, only while the session is alive: the dashboard's every request. */
const actorWithSession = () =>
  prepared('actor_session', (db) =>
    db
      .select({ ...memberActorColumns, lastSeenAt: sessions.lastSeenAt })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .innerJoin(
        sessions,
        and(
          eq(sessions.accountId, memberships.accountId),
          eq(sessions.id, sql.placeholder('sessionId')),
          sessionAlive(),
        ),
      )
      .where(eq(memberships.accountId, sql.placeholder('accountId')))
      .orderBy(asc(memberships.createdAt))
      .prepare('actor_session'),
  );

/**
 * The member acting for `accountId`, in `organisationId` when they belong to it, else in
 * their oldest organisation. Null when the account is gone, has no membership left, or,
 * when `sessionId` is given (every dashboard request), that session has ended.
 */
export async function resolveMemberActor(input: {
  accountId: string;
  sessionId?: string;
  organisationId?: string | null;
  context?: RequestContext;
  /**
   * Record the member as active (default). Middleware, which only gates the request that
   * the page, action or handler then resolves again, passes false.
   */
  recordActivity?: boolean;
}): Promise<Actor | null> {
  const checkSession = input.sessionId !== undefined;
  if (checkSession && !isSessionId(input.sessionId)) return null;
  const rows = checkSession
    ? await actorWithSession().execute({ accountId: input.accountId, sessionId: input.sessionId })
    : await actorWithoutSession().execute({ accountId: input.accountId });
  // A suspended membership gives no access (docs/product.md, "Suspend and reactivate"):
  // chosen, it is no actor at all, so the dashboard says why (/no-access); otherwise the
  // oldest membership that is not suspended.
  const chosen = rows.find((r) => r.organisationId === input.organisationId);
  if (chosen?.suspendedAt) return null;
  const usable = rows.filter((r) => !r.suspendedAt);
  const row = chosen ?? usable[0];
  if (!row) return null;
  if ('lastSeenAt' in row) await touchSession(input.sessionId!, row.lastSeenAt as Date);
  // Read by the query above; written only when stale, and then after the response.
  if (input.recordActivity !== false)
    await recordActivity({ membershipId: row.membershipId, lastActiveAt: row.lastActiveAt });
  return {
    ...memberActor({ ...row, accountId: input.accountId }, input.context),
    otherOrganisations: usable
      .filter((r) => r.organisationId !== row.organisationId)
      .map((r) => ({ id: r.organisationId, name: r.organisationName })),
  };
}

/** The columns a member's Actor is made of: select them with `memberActorColumns`. */
export const memberActorColumns = {
  accountId: memberships.accountId,
  membershipId: memberships.id,
  organisationId: memberships.organisationId,
  organisationName: organisations.name,
  email: accounts.email,
  tokenKey: memberships.tokenKey,
  suspendedAt: memberships.suspendedAt,
  lastActiveAt: memberships.lastActiveAt,
  role: roles,
};

/** The Actor of a member, from a row of `memberActorColumns`. */
export function memberActor(
  row: {
    accountId: string;
    membershipId: string;
    organisationId: string;
    organisationName: string;
    email: string;
    tokenKey: string;
    role: Role;
  },
  context: RequestContext = NO_CONTEXT,
): Actor {
  return {
    kind: 'member',
    accountId: row.accountId,
    membershipId: row.membershipId,
    label: row.email,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    tokenKey: row.tokenKey,
    ...actingAs(row.role),
    context,
  };
}

/** The Actor of the organisation's API key, which acts as its Admin `role`. */
export function apiKeyActor(
  row: { organisation: { id: string; name: string }; role: Role },
  context: RequestContext = NO_CONTEXT,
): Actor {
  return {
    kind: 'api_key',
    accountId: null,
    membershipId: null,
    label: 'API key',
    organisationId: row.organisation.id,
    organisationName: row.organisation.name,
    tokenKey: null,
    ...actingAs(row.role),
    context,
  };
}

/** An Actor's role and the grants it holds through it. */
function actingAs(role: Role): Pick<Actor, 'role' | 'permissions' | 'audiences'> {
  const grants = roleGrants(role);
  return {
    role: { id: role.id, key: role.key, name: role.name, description: role.description },
    permissions: new Set(grants.permissions),
    audiences: new Set(grants.audiences),
  };
}

/** The signed-in account behind a live session, whether or not it has any membership. */
export async function resolveSessionAccount(accountId: string, sessionId: string) {
  if (!isSessionId(sessionId)) return null;
  const [row] = await getDb()
    .select({
      id: accounts.id,
      email: accounts.email,
      emailVerified: sql<boolean>`${accounts.emailVerifiedAt} is not null`,
    })
    .from(accounts)
    .innerJoin(
      sessions,
      and(eq(sessions.accountId, accounts.id), eq(sessions.id, sessionId), sessionAlive()),
    )
    .where(eq(accounts.id, accountId))
    .limit(1);
  return row ?? null;
}

/** The organisations an account belongs to, for the switcher, and where it is suspended. */
export async function listAccountOrganisations(accountId: string) {
  return getDb()
    .select({
      id: organisations.id,
      name: organisations.name,
      role: roles.name,
      suspended: sql<boolean>`${memberships.suspendedAt} is not null`,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(memberships.createdAt));
}

export async function isMemberOf(accountId: string, organisationId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(eq(memberships.accountId, accountId), eq(memberships.organisationId, organisationId)),
    )
    .limit(1);
  return !!row;
}

/** Throws a ServiceError unless the actor holds `permission`. */
export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new ServiceError('unauthenticated', 'Please sign in.');
  if (!can(actor, permission)) {
    throw new ServiceError('forbidden', 'Your role does not allow this.');
  }
}

/**
 * The organisation in which the account's membership is suspended: the one asked for (the
 * active organisation), else any. What /no-access tells a suspended member.
 */
export async function suspendedMembership(
  accountId: string,
  organisationId: string | null,
): Promise<{ organisationId: string; organisationName: string } | null> {
  const asked = z.uuid().safeParse(organisationId).data;
  const rows = await getDb()
    .select({ organisationId: organisations.id, organisationName: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.accountId, accountId), isNotNull(memberships.suspendedAt)));
  return rows.find((r) => r.organisationId === asked) ?? (asked ? null : (rows[0] ?? null));
}
