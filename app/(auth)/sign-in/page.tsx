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
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackUrl = returnPathSchema.parse((await searchParams).callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-slate-600">
        No account yet?{' '}
        <Link
          className="text-brand-600 underline"
          href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Sign up
        </Link>
      </p>
    </>
  );
}
