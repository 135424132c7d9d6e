'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import { InviteLink } from './invite-link';

type State = ActionState & { link?: string; expiresAt?: string };

/** Regenerate: a new link for the same role and email; the old link stops working. */
export function RegenerateInviteDialog({
  invitationId,
  label,
  action,
  opened,
}: {
  invitationId: string;
  label: string;
  action: (prev: State, form: FormData) => Promise<State>;
  /** Opened by a row's button (InvitationRowDialogs) rather than its own. */
  opened?: { open: boolean; onOpenChange: (open: boolean) => void };
}) {
  const [round, setRound] = useState(0);
  return (
    <AlertDialog.Root
      {...opened}
      onOpenChange={(open) => {
        if (open) setRound((r) => r + 1);
        opened?.onOpenChange(open);
      }}
    >
      {opened ? null : (
        <AlertDialog.Trigger className={buttonClass('secondary', 'sm')}>
          Regenerate
        </AlertDialog.Trigger>
      )}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">
            Regenerate invite link
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-1 text-sm text-slate-700">
            A new link for {label}. The current link stops working at once.
          </AlertDialog.Description>
          <RegenerateForm key={round} invitationId={invitationId} action={action} />
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

function RegenerateForm({
  invitationId,
  action,
}: {
  invitationId: string;
  action: (prev: State, form: FormData) => Promise<State>;
}) {
  const [state, formAction, pending] = useSafeAction(action);
  if (state.ok && state.link) {
    return (
      <div className="mt-4 space-y-4">
        <InviteLink link={state.link} expiresAt={state.expiresAt} />
        <div className="flex justify-end">
          <AlertDialog.Cancel className={buttonClass('secondary')}>Done</AlertDialog.Cancel>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="mt-4 space-y-4">
      <input type="hidden" name="invitationId" value={invitationId} />
      <FormMessage error={state.ok === false ? state.error : null} />
      <div className="flex justify-end gap-2">
        <AlertDialog.Cancel className={buttonClass('secondary')} disabled={pending}>
          Cancel
        </AlertDialog.Cancel>
        <Button type="submit" disabled={pending}>
          {pending ? 'Working…' : 'Confirm'}
        </Button>
      </div>
    </form>
  );
}
