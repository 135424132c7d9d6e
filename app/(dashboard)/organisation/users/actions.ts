'use server';

import { revalidatePath } from 'next/cache';
import { getActionActor } from '@/lib/auth/actor';
import { toActionState, SIGNED_OUT, type ActionState } from '@/lib/action-state';
import { deleteMember, resetMemberToken, updateMemberRole } from '@/lib/services/members';

export async function resetUserTokenAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await resetMemberToken(actor, { membershipId: form.get('membershipId') });
  if (result.ok) revalidatePath('/organisation/users', 'layout');
  return toActionState(
    result,
    result.ok ? `Token reset. The new Token Key is ${result.tokenKey}.` : undefined,
  );
}

export async function deleteUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await deleteMember(actor, { membershipId: form.get('membershipId') });
  if (result.ok) revalidatePath('/organisation/users', 'layout');
  return toActionState(
    result,
    result.ok ? `${result.email} was removed from the organisation.` : undefined,
  );
}

export async function updatePermissionAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await updateMemberRole(actor, {
    membershipId: form.get('membershipId'),
    roleId: form.get('roleId'),
  });
  if (result.ok) revalidatePath('/organisation/users', 'layout');
  return toActionState(
    result,
    result.ok
      ? `Role changed to ${result.role.name}. The new Token Key is ${result.tokenKey}.`
      : undefined,
  );
}
