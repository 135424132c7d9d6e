'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { getActionActor } from '@/lib/auth/actor';
import { publicOrigin } from '@/lib/auth/request-context';
import { toActionState, SIGNED_OUT, type ActionState } from '@/lib/action-state';
import {
  createInvitation,
  regenerateInvitation,
  revokeInvitation,
} from '@/lib/services/invitations';

export interface InviteActionState extends ActionState {
  /** The invite link: shown once, never stored. */
  link?: string;
  expiresAt?: string;
}

async function linkFor(token: string) {
  return `${publicOrigin(await headers())}/invite/${token}`;
}

export async function createInvitationAction(
  _prev: InviteActionState,
  form: FormData,
): Promise<InviteActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await createInvitation(actor, {
    roleId: form.get('roleId'),
    email: form.get('email') ?? undefined,
    lifetimeDays: form.get('lifetimeDays') ?? undefined,
  });
  if (!result.ok) return toActionState(result);
  revalidatePath('/organisation/users');
  return {
    ok: true,
    message: 'Invite link created. Copy it now: it is shown only once.',
    link: await linkFor(result.token),
    expiresAt: result.expiresAt.toISOString(),
  };
}

export async function revokeInvitationAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await revokeInvitation(actor, { invitationId: form.get('invitationId') });
  if (result.ok) revalidatePath('/organisation/users');
  return toActionState(result, 'Invitation revoked. Its link no longer works.');
}

export async function regenerateInvitationAction(
  _prev: InviteActionState,
  form: FormData,
): Promise<InviteActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await regenerateInvitation(actor, { invitationId: form.get('invitationId') });
  if (!result.ok) return toActionState(result);
  revalidatePath('/organisation/users');
  return {
    ok: true,
    message: 'New invite link created; the old one no longer works.',
    link: await linkFor(result.token),
    expiresAt: result.expiresAt.toISOString(),
  };
}
