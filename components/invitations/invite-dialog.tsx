'use client';

import { useEffect, useRef, useState } from 'react';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { RoleSelect } from '@/components/roles/role-select';
import { Modal } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { DialogForm } from '@/components/ui/form-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { REFUSED } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import { AUDIENCES } from '@/lib/rbac';
import type { RoleChoice } from '@/lib/roles-view';
import { BulkInvite, type BulkInviteState } from './bulk-invite';
import { InviteLink } from './invite-link';

export type InviteState = ActionState & { link?: string; expiresAt?: string };
export type RolesState = ActionState & { roles?: RoleChoice[] };

export interface InviteActions {
  create: (prev: InviteState, form: FormData) => Promise<InviteState>;
  roles: (prev: RolesState, form: FormData) => Promise<RolesState>;
  previewMany: (prev: BulkInviteState, form: FormData) => Promise<BulkInviteState>;
  createMany: (prev: BulkInviteState, form: FormData) => Promise<BulkInviteState>;
}

type Mode = 'one' | 'list';

const DESCRIPTION: Record<Mode, string> = {
  one: 'Create a link that lets one person join this organisation with the role you choose; with an email address, we mail it there too.',
  list: 'Invite many people at once: each address gets its own link by mail. Preview what will happen to every row before anything is sent.',
};

/**
 * Invite New User: one link (choose a role, its Permission Overview shows beneath and
 * follows the choice, optionally bind an email and a lifetime, then Generate New Invite
 * Token), or a list of addresses (components/invitations/bulk-invite.tsx). The roles are
 * read each time it opens; InviteProvider opens it from anywhere.
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
  const [mode, setMode] = useState<Mode>('one');
  // Once a link is shown, switching to the other form would lose it.
  const [shown, setShown] = useState(false);

  // Read each time it opens, and only then: the layout hands down new action references
  // whenever it renders, which must not reset a form being filled in.
  const readRoles = useRef(actions.roles);
  readRoles.current = actions.roles;
  useEffect(() => {
    if (!open) return;
    let live = true;
    setFailed(null);
    setMode('one');
    setShown(false);
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
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title="Invite New User"
      description={DESCRIPTION[mode]}
      size="md"
    >
      {shown ? null : <ModeSwitch mode={mode} onChange={setMode} />}
      {mode === 'list' ? (
        roles ? (
          <BulkInvite
            roles={roles}
            initialRoleId={roleId}
            previewAction={actions.previewMany}
            sendAction={actions.createMany}
            onResult={() => setShown(true)}
          />
        ) : failed ? (
          <div className="mt-4">
            <FormMessage error={failed} />
          </div>
        ) : (
          <p role="status" className="mt-4 text-sm text-slate-600">
            Loading roles…
          </p>
        )
      ) : (
        <DialogForm
          action={actions.create}
          submitLabel="Generate New Invite Token"
          pendingLabel="Generating…"
          destructive={false}
          submitDisabled={!roleId}
          onDone={() => onOpenChange(false)}
          success={(state) => (
            <>
              <Shown onShown={() => setShown(true)} />
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
                <RoleSelect
                  roles={roles}
                  value={roleId}
                  onChange={setRoleId}
                  error={errors.roleId}
                />
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
        </DialogForm>
      )}
    </Modal>
  );
}

/** Marks that a one-time link is on screen. */
function Shown({ onShown }: { onShown: () => void }) {
  useEffect(() => {
    onShown();
    // Once, when the link appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

/** One link, or a list of addresses: two radio buttons, keyboard-usable as such. */
function ModeSwitch({ mode, onChange }: { mode: Mode; onChange: (mode: Mode) => void }) {
  const options: [Mode, string][] = [
    ['one', 'One link'],
    ['list', 'Many addresses at once'],
  ];
  return (
    <fieldset className="mt-4">
      <legend className="sr-only">How to invite</legend>
      <div className="inline-flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-slate-50 p-1">
        {options.map(([value, label]) => (
          <label
            key={value}
            className={`flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm ${
              mode === value ? 'bg-surface font-medium text-slate-900 shadow-sm' : 'text-slate-600'
            }`}
          >
            <input
              type="radio"
              name="inviteMode"
              value={value}
              checked={mode === value}
              onChange={() => onChange(value)}
              className="accent-slate-900"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
