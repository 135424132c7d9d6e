'use client';

import { buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
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
  const create = mode === 'create';
  return (
    <FormDialog
      trigger={
        <button className={buttonClass(create ? 'primary' : 'secondary', create ? 'md' : 'sm')}>
          {create ? 'Create role' : 'Edit'}
        </button>
      }
      title={create ? 'Create role' : `Edit ${role?.name}`}
      description={
        create
          ? 'A custom role for this organisation.'
          : 'Changes apply to every member with this role on their next request.'
      }
      size="lg"
      action={action}
      fields={role?.id ? { roleId: role.id } : {}}
      submitLabel="Save role"
    >
      {({ fieldErrors }) => (
        <RoleFields role={role} grantable={grantable} errors={fieldErrors ?? {}} />
      )}
    </FormDialog>
  );
}

function RoleFields({
  role,
  grantable,
  errors,
}: {
  role?: RoleFormValues;
  grantable: { permissions: Permission[]; audiences: Audience[] };
  errors: Record<string, string>;
}) {
  const can = new Set(grantable.permissions);
  const canReach = new Set(grantable.audiences);
  const held = new Set(role?.permissions ?? []);
  const audiences = new Set(
    role?.audiences ?? (['dashboard', 'api'] as Audience[]).filter((a) => canReach.has(a)),
  );

  return (
    <>
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
    </>
  );
}
