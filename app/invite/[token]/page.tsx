import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { buttonClass } from '@/components/ui/button';
import { getSessionAccount } from '@/lib/auth/actor';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { formatUtc } from '@/lib/format';
import { AUDIENCES } from '@/lib/rbac';
import { isMemberOf } from '@/lib/services/actor';
import { lookupInvitation } from '@/lib/services/invite-answers';
import { ActionButton } from '@/components/ui/action-button';
import { requestEmailVerificationAction } from '@/app/(dashboard)/account/actions';
import { acceptInviteAction, declineInviteAction } from './actions';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

// Pages that say why an invitation cannot be used. The first four name no organisation.
const ENDED = {
  not_found: [
    'This invitation link is not valid',
    'Check that you copied the whole link, or ask the person who invited you for a new one.',
  ],
  expired: ['This invitation has expired', 'Ask the person who invited you for a new link.'],
  revoked: [
    'This invitation was withdrawn',
    'The link no longer works. Ask the person who invited you for a new one.',
  ],
  used: [
    'This invitation has already been used',
    'Each invite link works once. Ask the person who invited you for a new one.',
  ],
  rate_limited: ['Too many attempts', 'Wait a minute and reload this page.'],
} as const;

function Card({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-16">
      <div className="w-full max-w-xl space-y-4 rounded-xl border border-slate-200 bg-surface p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export default async function InvitePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ declined?: string }>;
}) {
  const { token } = await params;
  if ((await searchParams).declined === '1') {
    return (
      <Card title="Invitation declined">
        <p className="text-sm text-slate-600">You declined the invitation. Nothing else changed.</p>
      </Card>
    );
  }
  const view = await lookupInvitation(token, contextFromHeaders(await headers()));
  if (view.state !== 'pending') {
    const [title, text] = ENDED[view.state];
    return (
      <Card title={title}>
        <p className="text-sm text-slate-600">{text}</p>
      </Card>
    );
  }

  const account = await getSessionAccount();
  const here = `/invite/${token}`;

  if (account && view.boundEmail && view.boundEmail !== account.email) {
    return (
      <Card title="This invitation is for someone else">
        <p className="text-sm text-slate-600">
          It was sent to a different email address than the one you are signed in with (
          {account.email}). Sign out and sign in with the invited address to accept it.
        </p>
        <form action="/sign-out" method="post">
          <button type="submit" className={buttonClass('secondary')}>
            Sign out
          </button>
        </form>
      </Card>
    );
  }
  if (account && view.boundEmail && !account.emailVerified) {
    return (
      <Card title="Verify your email address to accept">
        <p className="text-sm text-slate-600">
          This invitation to {view.organisationName} is for {view.boundEmail}. Your account uses
          that address but has not proven it yet: we mail you a link, and once you followed it, open
          this invitation again.
        </p>
        <ActionButton
          action={requestEmailVerificationAction}
          label="Send verification link"
          pendingLabel="Sending…"
        />
      </Card>
    );
  }
  if (account && (await isMemberOf(account.id, view.organisationId))) {
    return (
      <Card title={`You are already a member of ${view.organisationName}`}>
        <p className="text-sm text-slate-600">
          This invitation is not needed: you can already work in this organisation.
        </p>
        <form action="/account/organisation" method="post">
          <input type="hidden" name="organisationId" value={view.organisationId} />
          <button type="submit" className={buttonClass('primary')}>
            Go to {view.organisationName}
          </button>
        </form>
      </Card>
    );
  }

  const query = `callbackUrl=${encodeURIComponent(here)}${view.boundEmail ? `&email=${encodeURIComponent(view.boundEmail)}` : ''}`;
  return (
    <Card title={`Join ${view.organisationName}`}>
      <p className="text-sm text-slate-700">
        <strong>{view.inviterEmail}</strong> invited you to join{' '}
        <strong>{view.organisationName}</strong> with the role <strong>{view.role.name}</strong>.
      </p>
      <p className="text-sm text-slate-600">{view.role.description}</p>
      <p className="text-sm text-slate-600">
        Audiences: {view.role.audiences.map((a) => AUDIENCES[a]).join(', ') || 'none'} · Valid until{' '}
        {formatUtc(view.expiresAt)}
        {view.boundEmail ? ` · For ${view.boundEmail}` : ''}
      </p>
      <PermissionOverview permissions={view.role.permissions} />
      {account ? (
        <div className="flex flex-wrap items-center gap-3">
          <ActionButton action={acceptInviteAction} fields={{ token }} label="Accept" />
          <ActionButton
            action={declineInviteAction}
            fields={{ token }}
            label="Decline"
            variant="secondary"
          />
          <span className="text-sm text-slate-500">Signed in as {account.email}</span>
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Link href={`/sign-up?${query}`} className={buttonClass('primary')}>
            Sign up to accept
          </Link>
          <Link href={`/sign-in?${query}`} className={buttonClass('secondary')}>
            Sign in to accept
          </Link>
        </div>
      )}
    </Card>
  );
}
