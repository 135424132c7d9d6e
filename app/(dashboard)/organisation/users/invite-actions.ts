'use server';

import { headers } from 'next/headers';
import { field, memberAction, type Refresh } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { publicOrigin } from '@/lib/auth/request-context';
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

// The user list and the invitations page under it.
const refresh: Refresh = [['/organisation/users', 'layout']];

export const createInvitationAction = memberAction<InviteActionState>(
  'createInvitationAction',
  async (actor, form) => {
    const result = await createInvitation(actor, {
      roleId: field(form, 'roleId'),
      email: field(form, 'email'),
      lifetimeDays: field(form, 'lifetimeDays'),
    });
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: 'Invite link created. Copy it now: it is shown only once.',
      link: await linkFor(result.token),
      expiresAt: result.expiresAt.toISOString(),
    };
  },
  { refresh },
);

export const revokeInvitationAction = memberAction(
  'revokeInvitationAction',
  async (actor, form) =>
    toActionState(
      await revokeInvitation(actor, { invitationId: field(form, 'invitationId') }),
      'Invitation revoked. Its link no longer works.',
    ),
  { refresh },
);

export const regenerateInvitationAction = memberAction<InviteActionState>(
  'regenerateInvitationAction',
  async (actor, form) => {
    const result = await regenerateInvitation(actor, {
      invitationId: field(form, 'invitationId'),
    });
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: 'New invite link created; the old one no longer works.',
      link: await linkFor(result.token),
      expiresAt: result.expiresAt.toISOString(),
    };
  },
  { refresh },
);
