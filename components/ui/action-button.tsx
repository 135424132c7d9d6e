'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action-state';
import { Button } from './button';
import { FormMessage } from './form-message';

/**
 * One button that runs a server action (Accept, Sign out everywhere), with its answer.
 * The form posts the server action itself, so it works before (or without) JavaScript.
 */
export function ActionButton({
  action,
  fields = {},
  label,
  pendingLabel = 'Working…',
  variant = 'primary',
  size = 'md',
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  /** Hidden form fields, e.g. the token answered. */
  fields?: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary';
  size?: 'sm' | 'md';
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} size={size} disabled={pending} aria-busy={pending}>
        {pending ? pendingLabel : label}
      </Button>
      <FormMessage
        error={state.ok === false ? state.error : null}
        success={state.ok ? state.message : null}
      />
    </form>
  );
}
