'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import { PermissionOverview } from '@/components/roles/permission-overview';
import type { RoleChoice } from '@/components/roles/role-choice';
import { RoleSelect } from '@/components/roles/role-select';
import { announce } from '@/components/ui/announcer';
import { Button, buttonClass } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import { AUDIENCES, diffPermissions, type Permission } from '@/lib/rbac';

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
  const [open, setOpen] = useState(false);
  const [roleId, setRoleId] = useState(currentRole.id);
  const [state, formAction, pending] = useSafeAction(action);
  const chosen = roles.find((r) => r.id === roleId);
  const diff = chosen
    ? diffPermissions(currentRole.permissions, chosen.permissions)
    : { gained: [], lost: [] };
  const unchanged = roleId === currentRole.id;

  useEffect(() => {
    if (!state.ok) return;
    setOpen(false);
    if (state.message) announce(state.message);
  }, [state]);

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRoleId(currentRole.id);
      }}
    >
      <Dialog.Trigger className={buttonClass('primary')}>Update Permission</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <form action={formAction} className="space-y-4">
            <input type="hidden" name="membershipId" value={member.id} />
            <Dialog.Title className="text-lg font-semibold">Update Permission</Dialog.Title>
            <Dialog.Description className="text-sm text-slate-700">
              Choose a new role for <strong>{member.email}</strong>. The change takes effect on
              their next request.
            </Dialog.Description>
            <RoleSelect
              roles={roles}
              value={roleId}
              onChange={setRoleId}
              currentId={currentRole.id}
              error={state.fieldErrors?.roleId}
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
            <FormMessage error={state.ok === false ? state.error : null} />
            <div className="flex justify-end gap-2">
              <Dialog.Close className={buttonClass('secondary')} disabled={pending}>
                Cancel
              </Dialog.Close>
              <Button type="submit" disabled={pending || unchanged} aria-busy={pending}>
                {pending ? 'Working…' : 'Confirm'}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
