import { ADMIN_PERMISSIONS, type Audience, type Permission } from './catalog';

/** What authorization needs to know about whoever is acting. */
export interface Grants {
  permissions: ReadonlySet<Permission>;
  audiences: ReadonlySet<Audience>;
}

export function can(actor: Grants | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

export function hasAudience(actor: Grants | null | undefined, audience: Audience): boolean {
  return !!actor && actor.audiences.has(audience);
}

/** Holds every permission the at-least-one-admin rule counts. */
export function isAdminLevel(permissions: Iterable<Permission>): boolean {
  const held = new Set(permissions);
  return ADMIN_PERMISSIONS.every((p) => held.has(p));
}

/**
 * What `target` holds beyond `actor`: the permissions and audiences the actor lacks.
 * Empty on both sides means the target is within the actor's grants.
 */
export function beyond(
  actor: Grants,
  target: { permissions: Iterable<Permission>; audiences: Iterable<Audience> },
): { permissions: Permission[]; audiences: Audience[] } {
  return {
    permissions: [...new Set(target.permissions)].filter((p) => !actor.permissions.has(p)),
    audiences: [...new Set(target.audiences)].filter((a) => !actor.audiences.has(a)),
  };
}

/** Permissions gained and lost when moving from one role to another. */
export function diffPermissions(
  from: Iterable<Permission>,
  to: Iterable<Permission>,
): { gained: Permission[]; lost: Permission[] } {
  const a = new Set(from);
  const b = new Set(to);
  return { gained: [...b].filter((p) => !a.has(p)), lost: [...a].filter((p) => !b.has(p)) };
}
