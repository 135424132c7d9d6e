'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { action, field } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { SIGN_UP_LINK, signIn } from '@/lib/auth/config';
import { contextFromHeaders, publicOrigin } from '@/lib/auth/request-context';
import {
  CONFIRM_HOURS,
  SIGN_UP_BY_INVITATION,
  confirmEmail,
  lookupConfirmation,
  requestSignUp,
} from '@/lib/services/email-confirmations';
import { requestPasswordReset, resetPassword } from '@/lib/services/password-resets';
import { fieldErrorsOf } from '@/lib/services/result';
import { returnPathSchema, signInSchema } from '@/lib/validation/auth';

const LINK_SPENT = 'This link has expired or was already used.';

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

/**
 * Sign-up mails a link that creates the account; the answer is the same whether or not
 * the address has one already (docs/email.md, "Verified addresses"). Invitees (a return
 * path to their invitation) join the inviting organisation instead of getting their own.
 */
export const signUpAction = action('signUpAction', async (_anyone, form) => {
  const h = await headers();
  const result = await requestSignUp(
    {
      email: field(form, 'email'),
      password: field(form, 'password'),
      organisationName: field(form, 'organisationName'),
    },
    contextFromHeaders(h),
    { origin: publicOrigin(h), returnTo: returnPathSchema.parse(field(form, 'callbackUrl')) },
  );
  if (!result.ok) return toActionState(result);
  return {
    ok: true,
    message: `Check your inbox: we sent a mail to ${result.email}. Follow its link within ${CONFIRM_HOURS} hours to finish signing up.`,
  };
});

/** The button on a sign-up link's page: creates the account and signs it in. */
export const confirmSignUpAction = action(
  'confirmSignUpAction',
  async (_anyone, form): Promise<ActionState> => {
    const token = field(form, 'token') ?? '';
    const link = await lookupConfirmation(token);
    if (!link.ok || link.purpose !== 'sign_up') return { ok: false, error: LINK_SPENT };
    try {
      await signIn(SIGN_UP_LINK, { token, redirectTo: link.returnTo });
      return {};
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      const code = 'code' in err ? err.code : undefined;
      if (code === 'sign_up_closed') return { ok: false, error: SIGN_UP_BY_INVITATION };
      return {
        ok: false,
        error:
          code === 'address_taken'
            ? 'This address already has an account. Sign in instead.'
            : LINK_SPENT,
      };
    }
  },
);

/** The button on a verification or change-of-address link's page. */
export const confirmEmailAction = action('confirmEmailAction', async (_anyone, form) => {
  const result = await confirmEmail(
    field(form, 'token') ?? '',
    contextFromHeaders(await headers()),
  );
  if (!result.ok) return toActionState(result);
  redirect(`/account?email=${result.purpose === 'change_email' ? 'changed' : 'verified'}`);
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
