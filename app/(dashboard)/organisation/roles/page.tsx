import type { Metadata } from 'next';
import Link from 'next/link';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { RoleFormDialog } from '@/components/roles/role-form-dialog';
import { RoleBadge } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { requireDashboardActor } from '@/lib/auth/actor';
import { AUDIENCES, can } from '@/lib/rbac';
import { listRoles } from '@/lib/services/roles';
import { isWithin } from '@/lib/roles-view';
import { MAX_CUSTOM_ROLES } from '@/lib/validation/roles';
import { createRoleAction, deleteRoleAction, updateRoleAction } from './actions';

export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage() {
  const actor = await requireDashboardActor('/organisation/roles');
  const roles = await listRoles(actor);
  const canSeeUsers = can(actor, 'users:read');
  const canManage = can(actor, 'roles:manage');
  const grantable = { permissions: [...actor.permissions], audiences: [...actor.audiences] };
  const customCount = roles.filter((r) => !r.isDefault).length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Roles</h2>
          <p className="text-sm text-slate-600">
            Default roles cannot be changed. {customCount} of {MAX_CUSTOM_ROLES} custom roles used.
          </p>
        </div>
        {canManage && customCount < MAX_CUSTOM_ROLES ? (
          <RoleFormDialog mode="create" grantable={grantable} action={createRoleAction} />
        ) : null}
      </div>
      <ul className="space-y-4">
        {roles.map((role) => {
          const members = `${role.memberCount.toLocaleString('en')} ${role.memberCount === 1 ? 'member' : 'members'}`;
          return (
            <li
              key={role.id}
              aria-label={role.name}
              className="space-y-3 rounded-lg border border-slate-200 bg-surface p-5"
            >
              <div className="flex flex-wrap items-center gap-3">
                <RoleBadge role={role} />
                <span className="text-xs text-slate-500">
                  {role.isDefault ? 'Default role' : 'Custom role'}
                </span>
                <span className="text-sm text-slate-600">
                  {canSeeUsers ? (
                    <Link
                      className="text-brand-600 underline"
                      href={`/organisation/users?role=${role.id}`}
                    >
                      {members}
                    </Link>
                  ) : (
                    members
                  )}
                </span>
                {canManage && !role.isDefault && isWithin(actor, role) ? (
                  <div className="ml-auto flex gap-2">
                    <RoleFormDialog
                      mode="edit"
                      role={role}
                      grantable={grantable}
                      action={updateRoleAction}
                    />
                    {role.memberCount === 0 ? (
                      <ConfirmDialog
                        triggerLabel="Delete"
                        title={`Delete ${role.name}`}
                        destructive
                        description={
                          <p>
                            The role is removed. Pending invitations with this role stop working.
                          </p>
                        }
                        action={deleteRoleAction}
                        fields={{ roleId: role.id }}
                      />
                    ) : (
                      <span className="self-center text-xs text-slate-500">
                        In use: move its {members} to another role to delete it.
                      </span>
                    )}
                  </div>
                ) : null}
              </div>
              <p className="text-sm text-slate-700">{role.description}</p>
              <p className="text-sm text-slate-600">
                Audiences: {role.audiences.map((a) => AUDIENCES[a]).join(', ') || 'none'}
              </p>
              <PermissionOverview permissions={role.permissions} collapsible />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
