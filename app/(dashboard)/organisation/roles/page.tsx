import type { Metadata } from 'next';
import Link from 'next/link';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { RoleBadge } from '@/components/ui/badge';
import { requireDashboardActor } from '@/lib/auth/actor';
import { AUDIENCES, can } from '@/lib/rbac';
import { listRoles } from '@/lib/services/roles';

export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage() {
  const actor = await requireDashboardActor('/organisation/roles');
  const roles = await listRoles(actor);
  const canSeeUsers = can(actor, 'users:read');
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">Roles</h2>
      <ul className="space-y-4">
        {roles.map((role) => (
          <li key={role.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
            <div className="flex flex-wrap items-center gap-3">
              <RoleBadge role={role} />
              <span className="text-xs text-slate-500">
                {role.isDefault ? 'Default role' : 'Custom role'}
              </span>
              <span className="ml-auto text-sm text-slate-600">
                {canSeeUsers ? (
                  <Link
                    className="text-brand-600 underline"
                    href={`/organisation/users?role=${role.id}`}
                  >
                    {role.memberCount} {role.memberCount === 1 ? 'member' : 'members'}
                  </Link>
                ) : (
                  `${role.memberCount} ${role.memberCount === 1 ? 'member' : 'members'}`
                )}
              </span>
            </div>
            <p className="text-sm text-slate-700">{role.description}</p>
            <p className="text-sm text-slate-600">
              Audiences: {role.audiences.map((a) => AUDIENCES[a]).join(', ') || 'none'}
            </p>
            <PermissionOverview permissions={role.permissions} collapsible />
          </li>
        ))}
      </ul>
    </div>
  );
}
