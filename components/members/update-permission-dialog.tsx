'use client';

import { useState } from 'react';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { RoleSelect } from '@/components/roles/role-select';
import { buttonClass } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import type { ActionState } from '@/lib/action-state';
import { AUDIENCES, diffPermissions, type Permission } from '@/lib/rbac';
import type { RoleChoice } from '@/lib/roles-view';

/** Update Permission: pick a role, see what is gained and lost, then Confirm. */
export function UpdatePermissionDialog({
  member,
  currentRole,
  roles,
  action,
}: {
  member: { id: string; email: string };
  currentRole: { id: string; permissions: Permission[] };
  roles: RoleChoice[];
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [roleId, setRoleId] = useState(currentRole.id);
  const chosen = roles.find((r) => r.id === roleId);
  const diff = chosen
    ? diffPermissions(currentRole.permissions, chosen.permissions)
    : { gained: [], lost: [] };
  const unchanged = roleId === currentRole.id;

  return (
    <FormDialog
      trigger={<button className={buttonClass('primary')}>Update Permission</button>}
      title="Update Permission"
      description={
        <p>
          Choose a new role for <strong>{member.email}</strong>. The change takes effect on their
          next request.
        </p>
      }
      size="md"
      action={action}
      fields={{ membershipId: member.id }}
      onOpen={() => setRoleId(currentRole.id)}
      submitLabel="Confirm"
      pendingLabel="Working…"
      submitDisabled={unchanged}
    >
      {({ fieldErrors }) => (
        <>
          <RoleSelect
            roles={roles}
            value={roleId}
            onChange={setRoleId}
            currentId={currentRole.id}
            error={fieldErrors?.roleId}
          />
          {chosen ? (
            <>
              <p className="text-sm text-slate-600">
                {chosen.description} Audiences:{' '}
                {chosen.audiences.map((a) => AUDIENCES[a]).join(', ') || 'none'}.
              </p>
              {!unchanged ? (
                <p className="text-sm" aria-live="polite">
                  <span className="text-emerald-700">{diff.gained.length} gained</span>,{' '}
                  <span className="text-red-700">{diff.lost.length} lost</span>
                </p>
              ) : null}
              <PermissionOverview
                permissions={chosen.permissions}
                gained={unchanged ? [] : diff.gained}
                lost={unchanged ? [] : diff.lost}
              />
            </>
          ) : null}
          <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            Changing the role replaces this user’s Token Key, so all of their bintu tokens stop
            working. Playback tokens they issued stay valid until they expire.
          </div>
        </>
      )}
    </FormDialog>
  );
}
