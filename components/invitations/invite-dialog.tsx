'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { PermissionOverview } from '@/components/roles/permission-overview';
import type { RoleChoice } from '@/components/roles/role-choice';
import { RoleSelect } from '@/components/roles/role-select';
import { Button, buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import { AUDIENCES } from '@/lib/rbac';
import type { ActionState } from '@/lib/action-state';
import { InviteLink } from './invite-link';

type InviteState = ActionState & { link?: string; expiresAt?: string };

/**
 * Invite New User: choose a role (its Permission Overview shows beneath and follows the
 * choice), optionally bind an email and a lifetime, then Generate New Invite Token.
 */
export function InviteDialog({
  roles,
  action,
  defaultOpen = false,
}: {
  roles: RoleChoice[];
  action: (prev: InviteState, form: FormData) => Promise<InviteState>;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  // A new form (and state) each time the dialog opens: the link is shown once.
  const [round, setRound] = useState(0);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRound((r) => r + 1);
      }}
    >
      <Dialog.Trigger className={buttonClass('primary')}>Invite New User</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Invite New User</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            Create a link that lets one person join this organisation with the role you choose.
          </Dialog.Description>
          <InviteForm key={round} roles={roles} action={action} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function InviteForm({
  roles,
  action,
}: {
  roles: RoleChoice[];
  action: (prev: InviteState, form: FormData) => Promise<InviteState>;
}) {
  const assignable = roles.filter((r) => r.assignable);
  const [roleId, setRoleId] = useState(
    assignable.find((r) => r.name === 'User')?.id ?? assignable[0]?.id ?? '',
  );
  const [state, formAction, pending] = useSafeAction(action);
  const role = roles.find((r) => r.id === roleId);
  const errors = state.fieldErrors ?? {};

  if (state.ok && state.link) {
    return (
      <div className="mt-4 space-y-4">
        <InviteLink link={state.link} expiresAt={state.expiresAt} />
        <div className="flex justify-end">
          <Dialog.Close className={buttonClass('secondary')}>Done</Dialog.Close>
        </div>
      </div>
    );
  }

  return (
    <form action={formAction} className="mt-4 space-y-4">
      <RoleSelect roles={roles} value={roleId} onChange={setRoleId} error={errors.roleId} />
      {role ? (
        <div className="space-y-2" aria-live="polite">
          <p className="text-sm text-slate-600">
            {role.description} Audiences:{' '}
            {role.audiences.map((a) => AUDIENCES[a]).join(', ') || 'none'}.
          </p>
          <PermissionOverview permissions={role.permissions} />
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <Field
          label="Email (optional)"
          name="email"
          type="email"
          hint="Only this address can accept."
          error={errors.email}
        />
        <Field
          label="Valid for (days)"
          name="lifetimeDays"
          type="number"
          min={1}
          max={30}
          defaultValue={7}
          hint="1 to 30 days."
          error={errors.lifetimeDays}
        />
      </div>
      <FormMessage error={state.ok === false && !state.fieldErrors ? state.error : null} />
      <div className="flex justify-end gap-2">
        <Dialog.Close className={buttonClass('secondary')} disabled={pending}>
          Cancel
        </Dialog.Close>
        <Button type="submit" disabled={pending || !roleId} aria-busy={pending}>
          {pending ? 'Generating…' : 'Generate New Invite Token'}
        </Button>
      </div>
    </form>
  );
}
