'use server';

import { revalidatePath } from 'next/cache';
import { getActionActor } from '@/lib/auth/actor';
import { toActionState, SIGNED_OUT, type ActionState } from '@/lib/action-state';
import { createRole, deleteRole, updateRole } from '@/lib/services/roles';

function roleInput(form: FormData) {
  return {
    name: form.get('name'),
    description: form.get('description') ?? '',
    permissions: form.getAll('permissions'),
    audiences: form.getAll('audiences'),
  };
}

function refresh() {
  revalidatePath('/organisation/roles');
  revalidatePath('/organisation/users', 'layout');
}

export async function createRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await createRole(actor, roleInput(form));
  if (result.ok) refresh();
  return toActionState(result, `Role ${String(form.get('name')).trim()} created.`);
}

export async function updateRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await updateRole(actor, { ...roleInput(form), roleId: form.get('roleId') });
  if (result.ok) refresh();
  return toActionState(
    result,
    `Role ${String(form.get('name')).trim()} saved. Its members get the change on their next request.`,
  );
}

export async function deleteRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await deleteRole(actor, { roleId: form.get('roleId') });
  if (result.ok) refresh();
  return toActionState(result, result.ok ? `Role ${result.name} deleted.` : undefined);
}
