import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/actor';
import { returnPathSchema } from '@/lib/validation/auth';
import { signInAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
}) {
  const query = await searchParams;
  const callbackUrl = returnPathSchema.parse(query.callbackUrl);
  const defaultEmail = typeof query.email === 'string' ? query.email.slice(0, 254) : undefined;
  if (await getActor()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      <AuthForm
        mode="sign-in"
        action={signInAction}
        callbackUrl={callbackUrl}
        defaultEmail={defaultEmail}
      />
      <p className="mt-6 text-sm text-slate-600">
        No account yet?{' '}
        <Link
          className="text-brand-600 underline"
          href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}${defaultEmail ? `&email=${encodeURIComponent(defaultEmail)}` : ''}`}
        >
          Sign up
        </Link>
      </p>
    </>
  );
}
