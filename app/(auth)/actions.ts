'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { field, publicAction } from '@/lib/action';
import { signIn } from '@/lib/auth/config';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { signUp } from '@/lib/services/accounts';
import { fieldErrorsOf } from '@/lib/services/result';
import { returnPathSchema, signInSchema } from '@/lib/validation/auth';

export interface AuthFormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  email?: string;
}

async function signInAndRedirect(
  email: string,
  password: string,
  redirectTo: string,
): Promise<AuthFormState> {
  try {
    await signIn('credentials', { email, password, redirectTo });
    return {};
  } catch (err) {
    // signIn signals its redirect by throwing: only Auth.js errors are ours to show.
    if (!(err instanceof AuthError)) throw err;
    const limited = 'code' in err && err.code === 'rate_limited';
    return {
      email,
      error: limited
        ? 'Too many attempts. Wait a minute and try again.'
        : 'That email and password do not match an account.',
    };
  }
}

export const signInAction = publicAction<AuthFormState>(async (form) => {
  const parsed = signInSchema.safeParse({
    email: field(form, 'email'),
    password: field(form, 'password'),
  });
  const email = field(form, 'email') ?? '';
  if (!parsed.success) return { email, fieldErrors: fieldErrorsOf(parsed.error) };
  const redirectTo = returnPathSchema.parse(field(form, 'callbackUrl'));
  return signInAndRedirect(parsed.data.email, parsed.data.password, redirectTo);
});

export const signUpAction = publicAction<AuthFormState>(async (form) => {
  const input = {
    email: field(form, 'email'),
    password: field(form, 'password'),
    organisationName: field(form, 'organisationName'),
  };
  const redirectTo = returnPathSchema.parse(field(form, 'callbackUrl'));
  // Invitees join the inviting organisation; they do not need one of their own.
  const withOrganisation = !redirectTo.startsWith('/invite/');
  const result = await signUp(input, contextFromHeaders(await headers()), { withOrganisation });
  const email = input.email ?? '';
  if (!result.ok)
    return {
      email,
      error: result.fieldErrors ? undefined : result.error,
      fieldErrors: result.fieldErrors,
    };
  return signInAndRedirect(
    String(input.email).trim().toLowerCase(),
    String(input.password),
    redirectTo,
  );
});
