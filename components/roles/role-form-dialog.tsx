'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import { announce } from '@/components/ui/announcer';
import { Button, buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import {
  ALL_AUDIENCES,
  ALL_PERMISSIONS,
  AUDIENCES,
  AREAS,
  PERMISSIONS,
  type Audience,
  type Permission,
} from '@/lib/rbac';

export interface RoleFormValues {
  id?: string;
  name: string;
  description: string;
  permissions: Permission[];
  audiences: Audience[];
}

/** Create or edit a custom role: name, description, audiences, grouped permissions. */
export function RoleFormDialog({
  mode,
  role,
  grantable,
  action,
}: {
  mode: 'create' | 'edit';
  role?: RoleFormValues;
  /** What the viewer holds: only these permissions and audiences can be granted. */
  grantable: { permissions: Permission[]; audiences: Audience[] };
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const title = mode === 'create' ? 'Create role' : `Edit ${role?.name}`;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRound((r) => r + 1);
      }}
    >
      <Dialog.Trigger
        className={buttonClass(
          mode === 'create' ? 'primary' : 'secondary',
          mode === 'create' ? 'md' : 'sm',
        )}
      >
        {mode === 'create' ? 'Create role' : 'Edit'}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(44rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            {mode === 'edit'
              ? 'Changes apply to every member with this role on their next request.'
              : 'A custom role for this organisation.'}
          </Dialog.Description>
          <RoleForm
            key={round}
            role={role}
            grantable={grantable}
            action={action}
            onDone={() => setOpen(false)}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function RoleForm({
  role,
  grantable,
  action,
  onDone,
}: {
  role?: RoleFormValues;
  grantable: { permissions: Permission[]; audiences: Audience[] };
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  onDone: () => void;
}) {
  const [state, formAction, pending] = useSafeAction(action);
  const errors = state.fieldErrors ?? {};
  const can = new Set(grantable.permissions);
  const canReach = new Set(grantable.audiences);
  const held = new Set(role?.permissions ?? []);
  const audiences = new Set(
    role?.audiences ?? (['dashboard', 'api'] as Audience[]).filter((a) => canReach.has(a)),
  );

  useEffect(() => {
    if (!state.ok) return;
    if (state.message) announce(state.message);
    onDone();
  }, [state, onDone]);

  return (
    <form action={formAction} className="mt-4 space-y-5">
      {role?.id ? <input type="hidden" name="roleId" value={role.id} /> : null}
      <Field
        label="Name"
        name="name"
        required
        maxLength={50}
        defaultValue={role?.name}
        error={errors.name}
      />
      <Field
        label="Description"
        name="description"
        maxLength={200}
        defaultValue={role?.description}
        error={errors.description}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Audiences</legend>
        <div className="flex flex-wrap gap-4">
          {ALL_AUDIENCES.map((a) => (
            <label key={a} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="audiences"
                value={a}
                defaultChecked={audiences.has(a)}
                disabled={!canReach.has(a)}
              />
              {AUDIENCES[a]}
              {!canReach.has(a) ? (
                <span className="text-xs text-slate-500">(your role does not have it)</span>
              ) : null}
            </label>
          ))}
        </div>
        {errors.audiences ? <p className="text-sm text-red-700">{errors.audiences}</p> : null}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Permissions</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {AREAS.map((area) => (
            <fieldset key={area} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                {area}
              </legend>
              {ALL_PERMISSIONS.filter((p) => PERMISSIONS[p].area === area).map((p) => (
                <label
                  key={p}
                  className={`flex items-start gap-2 py-0.5 text-sm ${can.has(p) ? '' : 'text-slate-400'}`}
                >
                  <input
                    type="checkbox"
                    name="permissions"
                    value={p}
                    defaultChecked={held.has(p)}
                    disabled={!can.has(p)}
                    className="mt-1"
                  />
                  <span>
                    {PERMISSIONS[p].label} <code className="text-xs">{p}</code>
                    {!can.has(p) ? (
                      <span className="sr-only"> (you do not have this permission)</span>
                    ) : null}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        {errors.permissions ? <p className="text-sm text-red-700">{errors.permissions}</p> : null}
      </fieldset>
      <FormMessage error={state.ok === false ? state.error : null} />
      <div className="flex justify-end gap-2">
        <Dialog.Close className={buttonClass('secondary')} disabled={pending}>
          Cancel
        </Dialog.Close>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? 'Saving…' : 'Save role'}
        </Button>
      </div>
    </form>
  );
}
