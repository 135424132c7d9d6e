'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { announce } from '@/components/ui/announcer';
import { Button, buttonClass } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * A small Radix dialog around one form: submits with useActionState, stays open with the
 * error in place on failure, closes and announces the result on success. The form is
 * rebuilt on every opening so it starts from the current values.
 */
export function FormDialog({
  triggerLabel,
  title,
  description,
  submitLabel = 'Save',
  action,
  fields,
  children,
}: {
  triggerLabel: string;
  title: string;
  description: React.ReactNode;
  submitLabel?: string;
  action: Action;
  /** Hidden form fields, e.g. the id of what is edited. */
  fields: Record<string, string>;
  children: (fieldErrors: Record<string, string>) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const close = useCallback(() => setOpen(false), []);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRound((r) => r + 1);
      }}
    >
      <Dialog.Trigger className={buttonClass('secondary', 'sm')}>{triggerLabel}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">
            {description}
          </Dialog.Description>
          <DialogForm
            key={round}
            action={action}
            fields={fields}
            submitLabel={submitLabel}
            onDone={close}
          >
            {children}
          </DialogForm>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function DialogForm({
  action,
  fields,
  submitLabel,
  onDone,
  children,
}: {
  action: Action;
  fields: Record<string, string>;
  submitLabel: string;
  onDone: () => void;
  children: (fieldErrors: Record<string, string>) => React.ReactNode;
}) {
  const [state, formAction, pending] = useSafeAction(action);
  useEffect(() => {
    if (!state.ok) return;
    if (state.message) announce(state.message);
    onDone();
  }, [state, onDone]);
  return (
    <form
      action={formAction}
      // Keep what was chosen when the server refuses (React resets a form after its action).
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="mt-4 space-y-4"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children(state.fieldErrors ?? {})}
      <FormMessage error={state.ok === false && !state.fieldErrors ? state.error : null} />
      <div className="flex justify-end gap-2">
        <Dialog.Close className={buttonClass('secondary')} disabled={pending}>
          Cancel
        </Dialog.Close>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
