'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { keepingInput } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/action-state';

/** Change of email: the new address and the current password; the link goes to the new one. */
export function ChangeEmailForm({
  action,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) return <FormMessage success={state.message} />;
  const errors = state.fieldErrors ?? {};
  return (
    <form
      action={formAction}
      onSubmit={keepingInput(formAction)}
      className="grid max-w-md gap-3"
      noValidate
    >
      <Field
        label="New email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={errors.email}
      />
      <Field
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <FormMessage error={state.fieldErrors ? null : state.error} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? 'Sending…' : 'Change email'}
        </Button>
      </div>
    </form>
  );
}
