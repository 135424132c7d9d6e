'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ActionState } from '@/lib/action-state';
import { announce } from './announcer';
import { Button, buttonClass } from './button';
import { FormMessage } from './form-message';
import { useSafeAction } from './use-safe-action';

export interface ConfirmDialogProps {
  /** The button that opens the dialog; without one, `open` and `onOpenChange` drive it. */
  triggerLabel?: string;
  triggerSize?: 'sm' | 'md';
  title: string;
  description: React.ReactNode;
  confirmLabel?: string;
  destructive?: boolean;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  /** Hidden form fields, e.g. the id of what is acted on. */
  fields: Record<string, string>;
  /** Where to go after success (e.g. back to the list after a delete). */
  successHref?: string;
  /** Opened from elsewhere (a row's button, see row-actions.tsx) rather than a trigger. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** The one confirm dialog: reset, delete and revoke all go through it. */
export function ConfirmDialog({
  triggerLabel,
  triggerSize = 'sm',
  title,
  description,
  confirmLabel = 'Confirm',
  destructive = false,
  action,
  fields,
  successHref,
  open: openFromOutside,
  onOpenChange,
}: ConfirmDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const controlled = openFromOutside !== undefined;
  const open = controlled ? openFromOutside : ownOpen;
  const setOpen = controlled ? (onOpenChange ?? (() => {})) : setOwnOpen;
  const router = useRouter();
  const [state, formAction, pending] = useSafeAction(action);

  useEffect(() => {
    if (!state.ok) return;
    setOpen(false);
    if (state.message) announce(state.message);
    if (successHref) router.push(successHref);
    // setOpen changes with its owner's renders; the effect is for a new state only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, successHref, router]);

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      {triggerLabel ? (
        <AlertDialog.Trigger
          className={buttonClass(destructive ? 'danger-outline' : 'secondary', triggerSize)}
        >
          {triggerLabel}
        </AlertDialog.Trigger>
      ) : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <form action={formAction} className="space-y-4">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="space-y-2 text-sm text-slate-700">{description}</div>
            </AlertDialog.Description>
            <FormMessage error={state.ok === false ? state.error : null} />
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonClass('secondary')} disabled={pending}>
                Cancel
              </AlertDialog.Cancel>
              <Button
                type="submit"
                variant={destructive ? 'danger' : 'primary'}
                disabled={pending}
                aria-busy={pending}
              >
                {pending ? 'Working…' : confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
