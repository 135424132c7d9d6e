import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/actor';
import { signUpIsOpen } from '@/lib/services/email-confirmations';
import { returnPathSchema } from '@/lib/validation/auth';
import { signUpAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
}) {
  const query = await searchParams;
  const callbackUrl = returnPathSchema.parse(query.callbackUrl);
  const invited = callbackUrl.startsWith('/invite/');
  const defaultEmail = typeof query.email === 'string' ? query.email.slice(0, 254) : undefined;
  if (await getActor()) redirect(callbackUrl);
  const signIn = `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}${defaultEmail ? `&email=${encodeURIComponent(defaultEmail)}` : ''}`;
  // SIGN_UP=invite-only: the form only for an invitee (the service checks the invitation).
  if (!invited && !signUpIsOpen()) {
    return (
      <>
        <h1 className="text-xl font-semibold">Sign-up is by invitation</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">
          To join, open the invitation link an admin of your organisation sent you. No invitation
          yet? Ask them for one.
        </p>
        <SignInInstead href={signIn} />
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        {invited
          ? 'We mail you a link to confirm your address; then accept your invitation.'
          : 'We mail you a link to confirm your address; then you are the Admin of a new organisation.'}
      </p>
      <AuthForm
        mode="sign-up"
        action={signUpAction}
        callbackUrl={callbackUrl}
        defaultEmail={defaultEmail}
      />
      <SignInInstead href={signIn} className="mt-6" />
    </>
  );
}

function SignInInstead({ href, className = '' }: { href: string; className?: string }) {
  return (
    <p className={`text-sm text-slate-600 ${className}`}>
      Already have an account?{' '}
      <Link className="text-brand-600 underline" href={href}>
        Sign in
      </Link>
    </p>
  );
}
