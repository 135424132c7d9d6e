import { beyond, type Audience, type Grants, type Permission } from '@/lib/rbac';
import type { RoleSummary } from '@/lib/services/roles';

/** A role as a picker offers it: safe fields only. */
export interface RoleChoice {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  audiences: Audience[];
  /** False when the role holds permissions the viewer lacks. */
  assignable: boolean;
}

/** Whether `role` is within `viewer`'s own permissions and audiences. */
export function isWithin(viewer: Grants, role: Pick<RoleSummary, 'permissions' | 'audiences'>) {
  const over = beyond(viewer, role);
  return over.permissions.length === 0 && over.audiences.length === 0;
}

/** Roles as a picker offers them to `viewer`: those beyond the viewer's own are disabled. */
export function roleChoices(roles: RoleSummary[], viewer: Grants): RoleChoice[] {
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    audiences: r.audiences,
    assignable: isWithin(viewer, r),
  }));
}
