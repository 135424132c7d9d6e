import type { Metadata } from 'next';
import { Badge, RoleBadge } from '@/components/ui/badge';
import { ChangeEmailForm } from '@/components/account/change-email-form';
import { ActionButton } from '@/components/ui/action-button';
import { buttonClass } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { getSessionAccount, requireDashboardActor } from '@/lib/auth/actor';
import { SessionList } from '@/components/account/session-list';
import { describeUserAgent, formatUtc } from '@/lib/format';
import { listSessions } from '@/lib/services/sessions';
import { listAccountOrganisations } from '@/lib/services/actor';
import { BintuToken } from '@/components/account/bintu-token';
import { can, hasAudience } from '@/lib/rbac';
import {
  changeEmailAction,
  issueTokenAction,
  requestEmailVerificationAction,
  revokeSessionAction,
  signOutEverywhereAction,
} from './actions';

export const metadata: Metadata = { title: 'Account' };

const EMAIL_NOTICES = {
  verified: 'Your email address is verified.',
  changed: 'Your email address changed. Your organisations show the new one.',
} as const;

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string }>;
}) {
  const notice = (await searchParams).email;
  const actor = await requireDashboardActor('/account');
  const account = await getSessionAccount();
  const [organisations, sessions] = await Promise.all([
    listAccountOrganisations(actor.accountId!),
    listSessions(actor.accountId!, account?.sessionId ?? ''),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account</h1>
      <Panel id="profile" title="Profile">
        <p className="text-sm">
          Signed in as <strong>{actor.label}</strong>, acting in{' '}
          <strong>{actor.organisationName}</strong> as <RoleBadge role={actor.role} />.
        </p>
        {notice === 'verified' || notice === 'changed' ? (
          <p role="status" className="text-sm text-emerald-700">
            {EMAIL_NOTICES[notice]}
          </p>
        ) : null}
      </Panel>
      <Panel id="email" title="Email address">
        <p className="text-sm">
          <strong>{account?.email}</strong>{' '}
          {account?.emailVerified ? (
            <Badge tone="admin">verified</Badge>
          ) : (
            <Badge tone="readonly">not verified</Badge>
          )}
        </p>
        {account?.emailVerified ? null : (
          <>
            <p className="text-sm text-slate-600">
              Verify your address to accept invitations sent to it.
            </p>
            <ActionButton
              action={requestEmailVerificationAction}
              label="Send verification link"
              pendingLabel="Sending…"
              variant="secondary"
            />
          </>
        )}
        <p className="text-sm text-slate-600">
          To sign in with another address, enter it with your current password: the change is made
          when you follow the link we send there, and your current address is told.
        </p>
        <ChangeEmailForm action={changeEmailAction} />
      </Panel>
      {can(actor, 'token:read') ? (
        <Panel id="token" title="API token">
          <p className="text-sm text-slate-600">
            A bintu token for the REST API (<code>Authorization: Bearer …</code>) as you, in{' '}
            {actor.organisationName}, for 24 hours. Your Token Key is <code>{actor.tokenKey}</code>.
          </p>
          {hasAudience(actor, 'api') ? (
            <BintuToken action={issueTokenAction} />
          ) : (
            <p className="text-sm text-slate-600">Your role does not include the REST API.</p>
          )}
        </Panel>
      ) : null}
      <Panel id="organisations" title="Organisations">
        <ul className="divide-y divide-slate-100">
          {organisations.map((o) => (
            <li key={o.id} className="flex items-center gap-3 py-2 text-sm">
              <span className="font-medium">{o.name}</span>
              <span className="text-slate-500">{o.role}</span>
              {o.id === actor.organisationId ? (
                <span className="ml-auto text-xs text-emerald-700">Active</span>
              ) : o.suspended ? (
                <span className="ml-auto text-xs text-slate-500">Suspended</span>
              ) : (
                <form action="/account/organisation" method="post" className="ml-auto">
                  <input type="hidden" name="organisationId" value={o.id} />
                  <button type="submit" className={buttonClass('secondary', 'sm')}>
                    Switch to {o.name}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </Panel>
      <Panel id="sessions" title="Sessions">
        <p className="text-sm text-slate-600">
          Where your account is signed in. Revoke a session you do not recognise: it ends on its
          very next request.
        </p>
        <SessionList
          action={revokeSessionAction}
          sessions={sessions.map((s) => ({
            id: s.id,
            current: s.current,
            device: describeUserAgent(s.userAgent),
            ip: s.ip,
            createdAt: formatUtc(s.createdAt),
            lastSeenAt: formatUtc(s.lastSeenAt),
          }))}
        />
        <ActionButton
          action={signOutEverywhereAction}
          label="Sign out everywhere"
          variant="secondary"
        />
      </Panel>
    </div>
  );
}
