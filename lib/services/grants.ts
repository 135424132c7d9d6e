import 'server-only';
import { AUDIENCES, PERMISSIONS, beyond, type Audience, type Permission } from '@/lib/rbac';
import type { Actor } from './actor';
import { ServiceError } from './result';

// The two rules of docs/security.md, "Grants", in one place:
// - nobody grants a permission or an audience they do not hold (roles created or edited,
//   Update Permission, invitations);
// - nobody acts on a member, or edits or deletes a role, holding more than they do.
// An Admin holds everything, so both always pass for Admins.

type Grants = { permissions: Iterable<Permission>; audiences: Iterable<Audience> };

function lackingLabels(actor: Actor, target: Grants): string[] {
  const over = beyond(actor, target);
  return [
    ...over.permissions.map((p) => PERMISSIONS[p].label),
    ...over.audiences.map((a) => `the ${AUDIENCES[a]} audience`),
  ];
}

/** Refuses unless `target` is within what the actor holds; `message` names the case. */
export function assertWithin(
  actor: Actor,
  target: Grants,
  message: (lacking: string) => string,
  fieldErrors?: Record<string, string>,
): void {
  const lacking = lackingLabels(actor, target);
  if (lacking.length) {
    throw new ServiceError('forbidden', message(lacking.join(', ')), fieldErrors);
  }
}

/** Whether `target` is within what the actor holds: the rule assertWithin enforces. */
export function isWithinActor(actor: Actor, target: Grants): boolean {
  return lackingLabels(actor, target).length === 0;
}
