'use client';

import { FormDialog } from '@/components/ui/form-dialog';
import type { InviteState } from './invite-dialog';
import { InviteLink } from './invite-link';

/** Regenerate: a new link for the same role and email; the old link stops working. */
export function RegenerateInviteDialog({
  invitationId,
  label,
  action,
  opened,
}: {
  invitationId: string;
  label: string;
  action: (prev: InviteState, form: FormData) => Promise<InviteState>;
  /** Opened by a row's button (InvitationRowDialogs). */
  opened: { open: boolean; onOpenChange: (open: boolean) => void };
}) {
  return (
    <FormDialog
      {...opened}
      alert
      title="Regenerate invite link"
      description={`A new link for ${label}. The current link stops working at once.`}
      size="sm"
      action={action}
      fields={{ invitationId }}
      submitLabel="Confirm"
      pendingLabel="Working…"
      success={(state) => <InviteLink link={state.link!} expiresAt={state.expiresAt} />}
    />
  );
}
