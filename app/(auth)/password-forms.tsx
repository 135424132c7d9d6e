'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { keepingInput } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

// The forms of a password reset: they post the server actions themselves, so they work
// without JavaScript too (as the sign-in form does).

export function ForgotPasswordForm({ action, email }: { action: Action; email?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) return <FormMessage success={state.message} />;
  return (
    <form action={formAction} onSubmit={keepingInput(formAction)} className="space-y-4" noValidate>
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={email}
        error={state.fieldErrors?.email}
      />
      <FormMessage error={state.fieldErrors ? null : state.error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Sending…' : 'Send reset link'}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} onSubmit={keepingInput(formAction)} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        hint="At least 12 characters. You are signed out everywhere once it is set."
        error={state.fieldErrors?.password}
      />
      <FormMessage error={state.fieldErrors?.password ? null : state.error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  );
}
