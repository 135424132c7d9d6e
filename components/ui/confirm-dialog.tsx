'use client';

import type { ActionState } from '@/lib/action-state';
import { buttonClass } from './button';
import { FormDialog } from './form-dialog';

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
  confirmLabel = 'Confirm',
  destructive = false,
  ...rest
}: ConfirmDialogProps) {
  return (
    <FormDialog
      {...rest}
      alert
      trigger={
        triggerLabel ? (
          <button
            type="button"
            className={buttonClass(destructive ? 'danger-outline' : 'secondary', triggerSize)}
          >
            {triggerLabel}
          </button>
        ) : undefined
      }
      submitLabel={confirmLabel}
      pendingLabel="Working…"
      destructive={destructive}
    />
  );
}
