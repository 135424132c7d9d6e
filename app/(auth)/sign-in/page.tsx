import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/actor';
import { signUpIsOpen } from '@/lib/services/email-confirmations';
import { returnPathSchema } from '@/lib/validation/auth';
import { signInAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string; reset?: string }>;
}) {
  const query = await searchParams;
  const callbackUrl = returnPathSchema.parse(query.callbackUrl);
  const defaultEmail = typeof query.email === 'string' ? query.email.slice(0, 254) : undefined;
  if (await getActor()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      {query.reset === '1' ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          Password changed. Sign in with your new password.
        </p>
      ) : null}
      <AuthForm
        mode="sign-in"
        action={signInAction}
        callbackUrl={callbackUrl}
        defaultEmail={defaultEmail}
      />
      <p className="mt-4 text-sm">
        <Link
          className="text-brand-600 underline"
          href={`/forgot-password${defaultEmail ? `?email=${encodeURIComponent(defaultEmail)}` : ''}`}
        >
          Forgot password?
        </Link>
      </p>
      {/* SIGN_UP=invite-only: only an invitee is offered sign-up. */}
      {signUpIsOpen() || callbackUrl.startsWith('/invite/') ? (
        <p className="mt-6 text-sm text-slate-600">
          No account yet?{' '}
          <Link
            className="text-brand-600 underline"
            href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}${defaultEmail ? `&email=${encodeURIComponent(defaultEmail)}` : ''}`}
          >
            Sign up
          </Link>
        </p>
      ) : null}
    </>
  );
}
