import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/ui/action-button';
import { lookupConfirmation } from '@/lib/services/email-confirmations';
import { confirmEmailAction, confirmSignUpAction } from '../../actions';

export const metadata: Metadata = { title: 'Confirm your email address', referrer: 'no-referrer' };

// A link from a mail lands here and changes nothing until its button is pressed: mail
// scanners open links, people press buttons (docs/email.md, "Verified addresses").

const PAGES = {
  sign_up: {
    title: 'Confirm your email address',
    text: (email: string) => `Confirm that ${email} is yours to finish creating your account.`,
    label: 'Confirm and sign in',
  },
  verify_email: {
    title: 'Verify your email address',
    text: (email: string) =>
      `Confirm that ${email} is yours: invitations sent to it can then be accepted with your account.`,
    label: 'Verify address',
  },
  change_email: {
    title: 'Confirm your new email address',
    text: (email: string) =>
      `Your account will sign in with ${email}, and your organisations will show it.`,
    label: 'Use this address',
  },
} as const;

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await lookupConfirmation(token);
  if (!link.ok)
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">This link has expired or was already used</h1>
        <p className="mb-6 text-sm text-slate-600">
          A confirmation link works once, for 24 hours. Sign up again, or ask for a new link on your
          account page.
        </p>
        <p className="flex gap-4 text-sm">
          <Link className="text-brand-600 underline" href="/sign-in">
            Sign in
          </Link>
          <Link className="text-brand-600 underline" href="/sign-up">
            Sign up
          </Link>
        </p>
      </>
    );
  const page = PAGES[link.purpose];
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">{page.title}</h1>
      <p className="mb-6 text-sm text-slate-600">{page.text(link.email)}</p>
      <ActionButton
        action={link.purpose === 'sign_up' ? confirmSignUpAction : confirmEmailAction}
        fields={{ token }}
        label={page.label}
      />
    </>
  );
}
