import type { APIRequestContext } from '@playwright/test';
import {
  ACTION_GATES,
  API_GATES,
  DEFAULT_ROLES,
  type ActionName,
  type Audience,
  type Permission,
} from '../../../lib/rbac';

// The expected outcome of every cell, computed from the gate table (lib/rbac/gates.ts)
// and the grant rules of lib/services/grants.ts, never from what the server answers:
// - the caller must be the gate's kind (signed out, a live session, a member, an API
//   credential), hold the audience of the surface (`dashboard` for actions, `api` for
//   the REST API), the gate's permission and the gate's audience;
// - the target must be in the caller's organisation (else "not found");
// - a member or role acted on, and a role granted, must be within the caller's
//   permissions and audiences (Admins hold everything, so they always pass).

export type OrgKey = 'demo' | 'other';

export interface Grants {
  permissions: ReadonlySet<Permission>;
  audiences: ReadonlySet<Audience>;
}

export const grants = (p: readonly Permission[], a: readonly Audience[]): Grants => ({
  permissions: new Set(p),
  audiences: new Set(a),
});

const role = (key: keyof typeof DEFAULT_ROLES) =>
  grants(DEFAULT_ROLES[key].permissions, DEFAULT_ROLES[key].audiences);
export const ADMIN = role('admin');
export const USER = role('user');
export const READONLY = role('readonly');
/** Custom roles the matrix creates. */
export const LOW = grants(['users:read'], ['dashboard']);
export const NARROW = grants(['token:read', 'streams:read'], ['dashboard', 'api']);
export const ROLE_MANAGER = grants(['roles:manage', 'users:read', 'users:invite'], ['dashboard']);
/** The role manager's role before it loses the API (its bintu token outlives the edit). */
export const ROLE_MANAGER_WITH_API = grants(
  [...ROLE_MANAGER.permissions, 'token:read'],
  ['dashboard', 'api'],
);
/**
 * Changes roles and resets tokens without seeing the user list. Its REST cells are the
 * ones of issue 13 (PATCH /users/{id} and POST /users/{id}/reset-token commit, then
 * answer 403 because the response reads the member back with users:read): the rules
 * say 200; they fail until the handlers stop needing users:read after the write.
 */
export const RESETTER = grants(
  [...DEFAULT_ROLES.readonly.permissions, 'users:update', 'users:reset-token'],
  ['dashboard', 'api'],
);

export function within(actor: Grants, target: Grants): boolean {
  return (
    [...target.permissions].every((p) => actor.permissions.has(p)) &&
    [...target.audiences].every((a) => actor.audiences.has(a))
  );
}

export interface Caller {
  key: string;
  /** The account behind the caller (one account plays several callers in turn). */
  account: string | null;
  org: OrgKey | null;
  /** A member's grants (the API key acts as Admin); null without a membership. */
  grants: Grants | null;
  ctx: APIRequestContext;
  /** Holds a live session cookie. */
  session: boolean;
  /** A REST credential: none, one that works, or a bintu token of a removed member. */
  apiAuth: 'none' | 'valid' | 'stale';
  apiHeaders: () => Record<string, string>;
  email?: string;
  password?: string;
}

export interface Target {
  name: string;
  org: OrgKey | null;
  id: string;
  /** Grants of the member's role, of the role, of a role payload, of an invitation's role. */
  grants?: Grants;
  isDefault?: boolean;
  /** The role a member target is given (Update Permission, PATCH). */
  newRole?: Target;
  /** Whose session this is. */
  owner?: string;
  /** A tag of the target's organisation, for retagging a stream. */
  tagName?: string;
  tokenKey?: string;
  /** A webhook event of the target endpoint's organisation (to redeliver). */
  eventId?: string;
  email?: string;
  valid?: boolean;
  /** The spare session's own context. */
  ctx?: APIRequestContext;
}

export type Verdict = 'ok' | 'not_found' | 'forbidden';
export type Rule = (c: Caller, t: Target) => Verdict;

const scoped: Rule = (c, t) => (t.org === c.org ? 'ok' : 'not_found');
const withinTarget: Rule = (c, t) => {
  const v = scoped(c, t);
  if (v !== 'ok') return v;
  return within(c.grants!, t.grants!) ? 'ok' : 'forbidden';
};

/** The services' own checks, after the gate. */
export const RULES = {
  own: () => 'ok',
  scoped,
  /** Acting on a member: in the organisation, and their role within the caller's. */
  member: withinTarget,
  /** Giving a member another role: the member, then the new role, within. */
  memberRole: (c, t) => {
    const v = withinTarget(c, t);
    return v === 'ok' ? withinTarget(c, t.newRole!) : v;
  },
  /** Inviting with a role, or regenerating an invitation: the role within. */
  assign: withinTarget,
  /** Editing or deleting a role: custom, in the organisation, within. */
  customRole: (c, t) =>
    t.org !== c.org ? 'not_found' : t.isDefault ? 'forbidden' : withinTarget(c, t),
  /** Creating a role: nothing granted beyond the caller's own grants. */
  grants: (c, t) => (within(c.grants!, t.grants!) ? 'ok' : 'forbidden'),
  /** An account's own session only; another one's is not found. */
  session: (c, t) => (t.owner === c.account ? 'ok' : 'not_found'),
  /** Answering an invitation: not already a member of its organisation. */
  joins: (c, t) => (c.org === t.org ? 'forbidden' : 'ok'),
} satisfies Record<string, Rule>;

const has = (c: Caller, p: Permission) => !!c.grants?.permissions.has(p);
const hasAudience = (c: Caller, a: Audience) => !!c.grants?.audiences.has(a);

/**
 * A server action's gate (the middleware, then the action wrapper): the refusal, or
 * null when the request reaches the action's service.
 */
export function actionGateRefusal(name: ActionName, c: Caller): string | null {
  const gate = ACTION_GATES[name];
  if (gate.caller === 'anyone') return null;
  if (!c.session) return 'refused 401';
  if (gate.caller === 'account') return null;
  if (!c.org || !c.grants) return 'refused 401';
  if (!hasAudience(c, 'dashboard')) return 'refused 403';
  if ('permission' in gate && !has(c, gate.permission)) return 'refused 403';
  return null;
}

export type ApiKey = keyof typeof API_GATES;

/** A REST endpoint's gate: the refusing status, or null when the service decides. */
export function apiGateRefusal(key: ApiKey, c: Caller): number | null {
  const gate = API_GATES[key] as { caller: string; permission?: Permission; audience?: Audience };
  if (gate.caller === 'public') return null;
  if (c.apiAuth !== 'valid' || !c.grants) return 401;
  if (!hasAudience(c, 'api')) return 403;
  if (gate.permission && !has(c, gate.permission)) return 403;
  if (gate.audience && !hasAudience(c, gate.audience)) return 403;
  return null;
}

/** A dashboard page: where the caller is sent, or null when the page renders for them. */
export function pageGate(c: Caller): string | null {
  if (!c.session) return 'redirect /sign-in';
  if (!c.org || !hasAudience(c, 'dashboard')) return 'redirect /no-access';
  return null;
}

/** The page's "no access" state for members without the permission it needs. */
export function needs(c: Caller, p: Permission): string | null {
  return has(c, p) ? null : `no access ${p}`;
}

export { has, hasAudience };
