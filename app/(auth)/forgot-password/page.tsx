import type { Metadata } from 'next';
import Link from 'next/link';
import { requestPasswordResetAction } from '../actions';
import { ForgotPasswordForm } from '../password-forms';

export const metadata: Metadata = { title: 'Forgot password' };

export default async function ForgotPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string }>;
}) {
  const { email } = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Forgot password?</h1>
      <p className="mb-6 text-sm text-slate-600">
        Enter the address you sign in with: we send it a link to set a new password.
      </p>
      <ForgotPasswordForm
        action={requestPasswordResetAction}
        email={typeof email === 'string' ? email.slice(0, 254) : undefined}
      />
      <p className="mt-6 text-sm text-slate-600">
        <Link className="text-brand-600 underline" href="/sign-in">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
