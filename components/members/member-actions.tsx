'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

const PLAYBACK_NOTE = 'Playback tokens issued by this user stay valid until they expire.';

export function ResetUserTokenDialog({
  member,
  action,
}: {
  member: { id: string; email: string };
  action: Action;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Reset User Token"
      title="Reset User Token"
      description={
        <>
          <p>
            This issues a new Token Key for <strong>{member.email}</strong>. All of their active
            bintu tokens stop working at once.
          </p>
          <p className="font-medium">{PLAYBACK_NOTE}</p>
        </>
      }
      action={action}
      fields={{ membershipId: member.id }}
    />
  );
}

export function DeleteUserDialog({
  member,
  action,
  successHref,
}: {
  member: { id: string; email: string };
  action: Action;
  successHref?: string;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Delete User"
      title="Delete User"
      destructive
      description={
        <>
          <p>
            <strong>{member.email}</strong> is removed from this organisation and loses access on
            their next request. Their account stays and can still sign in to other organisations.
          </p>
          <p>This invalidates all of their existing bintu tokens.</p>
          <p className="font-medium">{PLAYBACK_NOTE}</p>
        </>
      }
      action={action}
      fields={{ membershipId: member.id }}
      successHref={successHref}
    />
  );
}
