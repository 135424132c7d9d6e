import type { RoleChoice } from '@/components/roles/role-choice';
import { missingPermissions, type Grants } from '@/lib/rbac';
import type { RoleSummary } from '@/lib/services/roles';

/** Roles as a picker offers them to `viewer`: those beyond the viewer's own are disabled. */
export function roleChoices(roles: RoleSummary[], viewer: Grants): RoleChoice[] {
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    audiences: r.audiences,
    assignable: missingPermissions(viewer.permissions, r.permissions).length === 0,
  }));
}
