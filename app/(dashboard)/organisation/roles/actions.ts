'use server';

import { field, fields, action, type Refresh } from '@/lib/action';
import { toActionState } from '@/lib/action-state';
import { createRole, deleteRole, updateRole } from '@/lib/services/roles';

function roleInput(form: FormData) {
  return {
    name: field(form, 'name'),
    description: field(form, 'description') ?? '',
    permissions: fields(form, 'permissions'),
    audiences: fields(form, 'audiences'),
  };
}

const refresh: Refresh = ['/organisation/roles', ['/organisation/users', 'layout']];

export const createRoleAction = action(
  'createRoleAction',
  async (actor, form) => {
    const result = await createRole(actor, roleInput(form));
    return toActionState(result, result.ok ? `Role ${result.name} created.` : undefined);
  },
  { refresh },
);

export const updateRoleAction = action(
  'updateRoleAction',
  async (actor, form) => {
    const result = await updateRole(actor, { ...roleInput(form), roleId: field(form, 'roleId') });
    return toActionState(
      result,
      result.ok
        ? `Role ${result.name} saved. Its members get the change on their next request.`
        : undefined,
    );
  },
  { refresh },
);

export const deleteRoleAction = action(
  'deleteRoleAction',
  async (actor, form) => {
    const result = await deleteRole(actor, { roleId: field(form, 'roleId') });
    return toActionState(result, result.ok ? `Role ${result.name} deleted.` : undefined);
  },
  { refresh },
);
