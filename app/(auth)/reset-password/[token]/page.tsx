import type { Metadata } from 'next';
import Link from 'next/link';
import { lookupPasswordReset } from '@/lib/services/password-resets';
import { resetPasswordAction } from '../../actions';
import { ResetPasswordForm } from '../../password-forms';

export const metadata: Metadata = { title: 'Set a new password' };

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const reset = await lookupPasswordReset(token);
  if (!reset.ok)
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">This link has expired or was already used</h1>
        <p className="mb-6 text-sm text-slate-600">
          A reset link works once, for 30 minutes. Ask for a new one; your password has not changed.
        </p>
        <Link className="text-brand-600 underline" href="/forgot-password">
          Send a new link
        </Link>
      </>
    );
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Set a new password</h1>
      <p className="mb-6 text-sm text-slate-600">For {reset.email}.</p>
      <ResetPasswordForm action={resetPasswordAction} token={token} />
    </>
  );
}
