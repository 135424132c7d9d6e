'use client';

import { useEffect, useRef, useState } from 'react';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { RoleSelect } from '@/components/roles/role-select';
import { Field } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { REFUSED } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import { AUDIENCES } from '@/lib/rbac';
import type { RoleChoice } from '@/lib/roles-view';
import { InviteLink } from './invite-link';

export type InviteState = ActionState & { link?: string; expiresAt?: string };
export type RolesState = ActionState & { roles?: RoleChoice[] };

export interface InviteActions {
  create: (prev: InviteState, form: FormData) => Promise<InviteState>;
  roles: (prev: RolesState, form: FormData) => Promise<RolesState>;
}

/**
 * Invite New User: choose a role (its Permission Overview shows beneath and follows the
 * choice), optionally bind an email and a lifetime, then Generate New Invite Token. The
 * roles are read each time it opens; InviteProvider opens it from anywhere.
 */
export function InviteDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
  actions,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (event: Event) => void;
  actions: InviteActions;
}) {
  const [roles, setRoles] = useState<RoleChoice[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [roleId, setRoleId] = useState('');

  // Read each time it opens, and only then: the layout hands down new action references
  // whenever it renders, which must not reset a form being filled in.
  const readRoles = useRef(actions.roles);
  readRoles.current = actions.roles;
  useEffect(() => {
    if (!open) return;
    let live = true;
    setFailed(null);
    readRoles.current({}, new FormData()).then(
      (state) => {
        if (!live) return;
        if (!state.roles) return setFailed(state.error ?? REFUSED);
        const assignable = state.roles.filter((r) => r.assignable);
        setRoles(state.roles);
        setRoleId(assignable.find((r) => r.name === 'User')?.id ?? assignable[0]?.id ?? '');
      },
      () => live && setFailed(REFUSED),
    );
    return () => {
      live = false;
    };
  }, [open]);

  const role = roles?.find((r) => r.id === roleId);
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Invite New User"
      description="Create a link that lets one person join this organisation with the role you choose; with an email address, we mail it there too."
      size="md"
      action={actions.create}
      submitLabel="Generate New Invite Token"
      pendingLabel="Generating…"
      submitDisabled={!roleId}
      success={(state) => (
        <>
          {state.message ? (
            <p role="status" className="text-sm text-emerald-700">
              {state.message}
            </p>
          ) : null}
          <InviteLink link={state.link!} expiresAt={state.expiresAt} />
        </>
      )}
    >
      {({ fieldErrors: errors = {} }) => (
        <>
          {roles ? (
            <RoleSelect roles={roles} value={roleId} onChange={setRoleId} error={errors.roleId} />
          ) : failed ? (
            <FormMessage error={failed} />
          ) : (
            <p role="status" className="text-sm text-slate-600">
              Loading roles…
            </p>
          )}
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
        </>
      )}
    </FormDialog>
  );
}
