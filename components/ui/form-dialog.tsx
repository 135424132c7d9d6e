'use client';

import { useEffect, useState } from 'react';
import type { ActionState } from '@/lib/action-state';
import { announce } from './announcer';
import { Button, buttonClass } from './button';
import { Modal, ModalClose, type ModalProps } from './dialog';
import { FormMessage } from './form-message';
import { useFormAction } from './use-form-action';

export interface FormDialogProps<S extends ActionState> extends Omit<ModalProps, 'children'> {
  action: (prev: S, form: FormData) => Promise<S>;
  /** Hidden form fields, e.g. the id of what is acted on. */
  fields?: Record<string, string>;
  /** The visible fields, given the last answer (its `fieldErrors` go at each field). */
  children?: (state: S) => React.ReactNode;
  submitLabel?: string;
  pendingLabel?: string;
  destructive?: boolean;
  submitDisabled?: boolean;
  /** Called each time the dialog opens (to reset state its owner keeps). */
  onOpen?: () => void;
  /** Shown in place of the form after a success, with a Done button (a new link, say). */
  success?: (state: S) => React.ReactNode;
  /**
   * Where to go after a success (back to the list after a delete): the action redirects
   * there (lib/action.ts), so the page of what was deleted is never rendered again.
   */
  successHref?: string;
}

/**
 * Every dialog that submits something: the form is built anew each time the dialog opens,
 * keeps what was typed and shows the server's message at the field when the server
 * refuses, and on success either shows `success` or closes and announces the message.
 */
export function FormDialog<S extends ActionState>({
  action,
  fields,
  children,
  submitLabel = 'Save',
  pendingLabel = 'Saving…',
  destructive = false,
  submitDisabled = false,
  onOpen,
  success,
  successHref,
  open: openFromOutside,
  onOpenChange,
  ...modal
}: FormDialogProps<S>) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = openFromOutside ?? ownOpen;
  const setOpen = (next: boolean) => {
    if (next) onOpen?.();
    if (openFromOutside === undefined) setOwnOpen(next);
    onOpenChange?.(next);
  };
  return (
    // The form lives in the dialog's content, which closing unmounts: each opening starts
    // from a new form and a new answer.
    <Modal {...modal} open={open} onOpenChange={setOpen}>
      <DialogForm
        action={action}
        fields={fields}
        submitLabel={submitLabel}
        pendingLabel={pendingLabel}
        destructive={destructive}
        submitDisabled={submitDisabled}
        success={success}
        successHref={successHref}
        onDone={() => setOpen(false)}
      >
        {children}
      </DialogForm>
    </Modal>
  );
}

/**
 * FormDialog's form, for a dialog that shows more than one form in turn (Invite New
 * User: one link, or a list): the same behaviour inside a Modal of the caller's.
 */
export function DialogForm<S extends ActionState>({
  action,
  fields = {},
  children,
  submitLabel,
  pendingLabel,
  destructive,
  submitDisabled,
  success,
  successHref,
  onDone,
}: Pick<FormDialogProps<S>, 'action' | 'fields' | 'children' | 'success' | 'successHref'> & {
  submitLabel: string;
  pendingLabel: string;
  destructive: boolean;
  submitDisabled: boolean;
  onDone: () => void;
}) {
  const { state, formAction, pending, form, onSubmit } = useFormAction(action);
  const done = state.ok === true;
  // Field errors stand at their fields; those of hidden fields, or of a form without
  // visible fields, show as the form's message.
  const atFields =
    !!children && Object.keys(state.fieldErrors ?? {}).some((name) => !(name in fields));

  useEffect(() => {
    if (!done || success) return;
    if (state.message) announce(state.message);
    onDone();
    // onDone changes with every render of the dialog; the effect is for a new answer only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  if (done && success) {
    return (
      <div className="mt-4 space-y-4">
        {success(state)}
        <div className="flex justify-end">
          <ModalClose className={buttonClass('secondary')}>Done</ModalClose>
        </div>
      </div>
    );
  }
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} className="mt-4 space-y-4">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {successHref ? <input type="hidden" name="redirectTo" value={successHref} /> : null}
      {children?.(state)}
      <FormMessage error={state.ok === false && !atFields ? state.error : null} />
      <div className="flex justify-end gap-2">
        <ModalClose className={buttonClass('secondary')} disabled={pending}>
          Cancel
        </ModalClose>
        <Button
          type="submit"
          variant={destructive ? 'danger' : 'primary'}
          disabled={pending || submitDisabled}
          aria-busy={pending}
        >
          {pending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}
