import type { Metadata } from 'next';
import { RoleBadge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { getSessionAccount, requireDashboardActor } from '@/lib/auth/actor';
import { SessionList } from '@/components/account/session-list';
import { describeUserAgent, formatUtc } from '@/lib/format';
import { listSessions } from '@/lib/services/sessions';
import { listAccountOrganisations } from '@/lib/services/actor';
import { BintuToken } from '@/components/account/bintu-token';
import { can } from '@/lib/rbac';
import { issueTokenAction, revokeSessionAction, signOutEverywhereAction } from './actions';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const actor = await requireDashboardActor('/account');
  const account = await getSessionAccount();
  const [organisations, sessions] = await Promise.all([
    listAccountOrganisations(actor.accountId!),
    listSessions(actor.accountId!, account?.sessionId ?? ''),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Profile</h2>
        <p className="mt-2 text-sm">
          Signed in as <strong>{actor.label}</strong>, acting in{' '}
          <strong>{actor.organisationName}</strong> as <RoleBadge role={actor.role} />.
        </p>
      </section>
      {can(actor, 'token:read') ? (
        <section
          aria-labelledby="token-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="token-heading" className="text-lg font-semibold">
            API token
          </h2>
          <p className="text-sm text-slate-600">
            A bintu token for the REST API (<code>Authorization: Bearer …</code>) as you, in{' '}
            {actor.organisationName}, for 24 hours. Your Token Key is <code>{actor.tokenKey}</code>.
          </p>
          {actor.audiences.has('api') ? (
            <BintuToken action={issueTokenAction} />
          ) : (
            <p className="text-sm text-slate-600">Your role does not include the REST API.</p>
          )}
        </section>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Organisations</h2>
        <ul className="mt-3 divide-y divide-slate-100">
          {organisations.map((o) => (
            <li key={o.id} className="flex items-center gap-3 py-2 text-sm">
              <span className="font-medium">{o.name}</span>
              <span className="text-slate-500">{o.role}</span>
              {o.id === actor.organisationId ? (
                <span className="ml-auto text-xs text-emerald-700">Active</span>
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
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Sessions</h2>
        <p className="mt-2 mb-3 text-sm text-slate-600">
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
        <form action={signOutEverywhereAction} className="mt-3">
          <button type="submit" className={buttonClass('secondary')}>
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
