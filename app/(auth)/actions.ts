'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { action, field } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { signIn } from '@/lib/auth/config';
import { contextFromHeaders, publicOrigin } from '@/lib/auth/request-context';
import { signUp } from '@/lib/services/accounts';
import { requestPasswordReset, resetPassword } from '@/lib/services/password-resets';
import { fieldErrorsOf } from '@/lib/services/result';
import { returnPathSchema, signInSchema } from '@/lib/validation/auth';

async function signInAndRedirect(
  email: string,
  password: string,
  redirectTo: string,
): Promise<ActionState> {
  try {
    await signIn('credentials', { email, password, redirectTo });
    return {};
  } catch (err) {
    // signIn signals its redirect by throwing: only Auth.js errors are ours to show.
    if (!(err instanceof AuthError)) throw err;
    const limited = 'code' in err && err.code === 'rate_limited';
    return {
      ok: false,
      error: limited
        ? 'Too many attempts. Wait a minute and try again.'
        : 'That email and password do not match an account.',
    };
  }
}

export const signInAction = action('signInAction', async (_anyone, form) => {
  const parsed = signInSchema.safeParse({
    email: field(form, 'email'),
    password: field(form, 'password'),
  });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const redirectTo = returnPathSchema.parse(field(form, 'callbackUrl'));
  return signInAndRedirect(parsed.data.email, parsed.data.password, redirectTo);
});

export const signUpAction = action('signUpAction', async (_anyone, form) => {
  const input = {
    email: field(form, 'email'),
    password: field(form, 'password'),
    organisationName: field(form, 'organisationName'),
  };
  const redirectTo = returnPathSchema.parse(field(form, 'callbackUrl'));
  // Invitees join the inviting organisation; they do not need one of their own.
  const withOrganisation = !redirectTo.startsWith('/invite/');
  const result = await signUp(input, contextFromHeaders(await headers()), { withOrganisation });
  if (!result.ok) return toActionState(result);
  return signInAndRedirect(
    String(input.email).trim().toLowerCase(),
    String(input.password),
    redirectTo,
  );
});

/** "Forgot password?": the same answer whether or not the address has an account. */
export const requestPasswordResetAction = action(
  'requestPasswordResetAction',
  async (_anyone, form) => {
    const h = await headers();
    const result = await requestPasswordReset(
      { email: field(form, 'email') },
      contextFromHeaders(h),
      publicOrigin(h),
    );
    return toActionState(
      result,
      'Check your inbox: if an account uses this address, a link to set a new password is on its way. It works for 30 minutes.',
    );
  },
);

/** The new password through a reset link; then to sign-in, every session ended. */
export const resetPasswordAction = action('resetPasswordAction', async (_anyone, form) => {
  const result = await resetPassword({
    token: field(form, 'token'),
    password: field(form, 'password'),
  });
  if (!result.ok) return toActionState(result);
  redirect(`/sign-in?reset=1&email=${encodeURIComponent(result.email)}`);
});
