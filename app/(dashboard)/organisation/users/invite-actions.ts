'use server';

import { headers } from 'next/headers';
import { field, action, type Refresh } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { publicOrigin } from '@/lib/auth/request-context';
import { summarise, type BulkInviteRowView } from '@/lib/bulk-invite-view';
import { roleChoices, type RoleChoice } from '@/lib/roles-view';
import { listRoles } from '@/lib/services/roles';
import {
  createInvitation,
  createInvitations,
  invitationUrl,
  previewInvitations,
  regenerateInvitation,
  resendInvitation,
  revokeInvitation,
} from '@/lib/services/invitations';

export interface InviteActionState extends ActionState {
  /** The invite link: shown once, never stored. */
  link?: string;
  expiresAt?: string;
}

// The user list and the invitations page under it.
const refresh: Refresh = [['/organisation/users', 'layout']];

/**
 * The roles Invite New User offers, read when the dialog opens (it opens from the profile
 * menu on every page, which does not load them with the page).
 */
export const inviteRoleChoicesAction = action(
  'inviteRoleChoicesAction',
  async (actor): Promise<ActionState & { roles?: RoleChoice[] }> => ({
    ok: true,
    roles: roleChoices(await listRoles(actor), actor),
  }),
);

export const createInvitationAction = action(
  'createInvitationAction',
  async (actor, form): Promise<InviteActionState> => {
    const origin = publicOrigin(await headers());
    const email = field(form, 'email');
    const result = await createInvitation(
      actor,
      { roleId: field(form, 'roleId'), email, lifetimeDays: field(form, 'lifetimeDays') },
      origin,
    );
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: result.mailed
        ? `Invitation sent to ${email?.trim().toLowerCase()}. You can also copy the link now: it is shown only once.`
        : 'Invite link created. Copy it now: it is shown only once.',
      link: invitationUrl(origin, result.token),
      expiresAt: result.expiresAt.toISOString(),
    };
  },
  { refresh },
);

export interface BulkInviteState extends ActionState {
  rows?: BulkInviteRowView[];
  /** When the links of a result stop working. */
  expiresAt?: string;
}

/** A bulk invite's form: the list (pasted, or a CSV file's text), the default role, days. */
const bulkInput = (form: FormData) => ({
  list: field(form, 'list'),
  roleId: field(form, 'roleId'),
  lifetimeDays: field(form, 'lifetimeDays'),
});

/** Bulk invite, first step: what sending the list would do, row by row; nothing changes. */
export const previewInvitationsAction = action(
  'previewInvitationsAction',
  async (actor, form): Promise<BulkInviteState> => {
    const result = await previewInvitations(actor, bulkInput(form));
    if (!result.ok) return toActionState(result);
    return { ok: true, message: summarise(result.rows, 'preview'), rows: result.rows };
  },
);

/** Bulk invite: one invitation, mailed, per row that passes; the links are shown once. */
export const createInvitationsAction = action(
  'createInvitationsAction',
  async (actor, form): Promise<BulkInviteState> => {
    const origin = publicOrigin(await headers());
    const result = await createInvitations(actor, bulkInput(form), origin);
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: summarise(result.rows, 'result'),
      rows: result.rows.map(({ token, ...row }) =>
        token ? { ...row, link: invitationUrl(origin, token) } : row,
      ),
      expiresAt: result.expiresAt.toISOString(),
    };
  },
  { refresh },
);

export const revokeInvitationAction = action(
  'revokeInvitationAction',
  async (actor, form) =>
    toActionState(
      await revokeInvitation(actor, { invitationId: field(form, 'invitationId') }),
      'Invitation revoked. Its link no longer works.',
    ),
  { refresh },
);

export const regenerateInvitationAction = action(
  'regenerateInvitationAction',
  async (actor, form): Promise<InviteActionState> => {
    const result = await regenerateInvitation(actor, {
      invitationId: field(form, 'invitationId'),
    });
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: 'New invite link created; the old one no longer works.',
      link: invitationUrl(publicOrigin(await headers()), result.token),
      expiresAt: result.expiresAt.toISOString(),
    };
  },
  { refresh },
);

/** "Resend": a new link by mail to the invitation's address; the old link stops working. */
export const resendInvitationAction = action(
  'resendInvitationAction',
  async (actor, form) => {
    const result = await resendInvitation(
      actor,
      { invitationId: field(form, 'invitationId') },
      publicOrigin(await headers()),
    );
    if (!result.ok) return toActionState(result);
    return { ok: true, message: `Invitation sent again to ${result.email}.` };
  },
  { refresh },
);
