'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { keepingInput } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/action-state';

export function AuthForm({
  mode,
  action,
  callbackUrl,
  defaultEmail,
}: {
  mode: 'sign-in' | 'sign-up';
  defaultEmail?: string;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  callbackUrl?: string;
}) {
  // The server action itself, not a wrapper: the form works without JavaScript too.
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  // Sign-up ends here: its link arrives by mail.
  if (state.ok) return <FormMessage success={state.message} />;
  return (
    <form action={formAction} onSubmit={keepingInput(formAction)} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={defaultEmail}
        error={errors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
        required
        minLength={mode === 'sign-up' ? 12 : undefined}
        hint={mode === 'sign-up' ? 'At least 12 characters.' : undefined}
        error={errors.password}
      />
      {mode === 'sign-up' && !callbackUrl?.startsWith('/invite/') ? (
        <Field
          label="Organisation name (optional)"
          name="organisationName"
          autoComplete="organization"
          error={errors.organisationName}
        />
      ) : null}
      <FormMessage error={state.fieldErrors ? null : state.error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending
          ? mode === 'sign-up'
            ? 'Creating account…'
            : 'Signing in…'
          : mode === 'sign-up'
            ? 'Create account'
            : 'Sign in'}
      </Button>
    </form>
  );
}
