import type { Audience, Permission } from '@/lib/rbac';

/** A role as offered in a picker: safe fields only. */
export interface RoleChoice {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  audiences: Audience[];
  /** False when the role holds permissions the viewer lacks. */
  assignable: boolean;
}
