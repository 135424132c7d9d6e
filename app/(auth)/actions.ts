'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
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

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse({
    email: form.get('email'),
    password: form.get('password'),
  });
  const email = String(form.get('email') ?? '');
  if (!parsed.success) return { email, fieldErrors: fieldErrorsOf(parsed.error) };
  const redirectTo = returnPathSchema.parse(form.get('callbackUrl') ?? undefined);
  return signInAndRedirect(parsed.data.email, parsed.data.password, redirectTo);
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = {
    email: form.get('email'),
    password: form.get('password'),
    organisationName: form.get('organisationName') ?? undefined,
  };
  const redirectTo = returnPathSchema.parse(form.get('callbackUrl') ?? undefined);
  // Invitees join the inviting organisation; they do not need one of their own.
  const withOrganisation = !redirectTo.startsWith('/invite/');
  const result = await signUp(input, contextFromHeaders(await headers()), { withOrganisation });
  const email = String(form.get('email') ?? '');
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
}
