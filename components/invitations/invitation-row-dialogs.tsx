'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { RowActions } from '@/components/ui/row-actions';
import type { ActionState } from '@/lib/action-state';
import type { InviteState } from './invite-dialog';
import { RegenerateInviteDialog } from './regenerate-dialog';

type Action<S extends ActionState = ActionState> = (prev: S, form: FormData) => Promise<S>;

/**
 * The invitation list's Revoke, Resend and Regenerate dialogs, once for the whole table:
 * rows (invitation-rows.tsx) carry buttons with action `revoke`, `resend` or `regenerate`.
 */
export function InvitationRowDialogs({
  revokeAction,
  regenerateAction,
  resendAction,
  children,
}: {
  revokeAction: Action;
  regenerateAction: Action<InviteState>;
  resendAction: Action;
  children: React.ReactNode;
}) {
  return (
    <RowActions
      render={(row, close) => {
        const opened = { open: true, onOpenChange: (open: boolean) => open || close() };
        if (row.action === 'revoke')
          return (
            <ConfirmDialog
              key={row.id}
              {...opened}
              title="Revoke invitation"
              destructive
              description={<p>The link for {row.label} stops working at once.</p>}
              action={revokeAction}
              fields={{ invitationId: row.id }}
            />
          );
        if (row.action === 'resend')
          return (
            <ConfirmDialog
              key={row.id}
              {...opened}
              title="Resend invitation"
              description={
                <p>
                  A mail with a new link goes to {row.label}; the link sent before stops working.
                </p>
              }
              confirmLabel="Resend"
              action={resendAction}
              fields={{ invitationId: row.id }}
            />
          );
        if (row.action === 'regenerate')
          return (
            <RegenerateInviteDialog
              key={row.id}
              invitationId={row.id}
              label={row.label}
              action={regenerateAction}
              opened={opened}
            />
          );
        return null;
      }}
    >
      {children}
    </RowActions>
  );
}
