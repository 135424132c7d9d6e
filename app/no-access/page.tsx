import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { ACTIVE_ORG_COOKIE, getActor, getSessionAccount } from '@/lib/auth/actor';
import { buttonClass } from '@/components/ui/button';
import { listAccountOrganisations, suspendedMembership } from '@/lib/services/actor';

export const metadata: Metadata = { title: 'No access' };
export const dynamic = 'force-dynamic';

export default async function NoAccessPage() {
  const actor = await getActor();
  const account = actor ? null : await getSessionAccount();
  const suspended = account
    ? await suspendedMembership(account.id, (await cookies()).get(ACTIVE_ORG_COOKIE)?.value ?? null)
    : null;
  // Where a suspended member can still work.
  const elsewhere =
    account && suspended
      ? (await listAccountOrganisations(account.id)).filter((o) => !o.suspended)
      : [];
  const [title, reason] = suspended
    ? [
        `Your access to ${suspended.organisationName} is suspended`,
        'An admin of the organisation suspended your membership: you keep your role, but cannot use the dashboard, the REST API or playback tokens until they reactivate you. Ask them if you think this is a mistake.',
      ]
    : [
        'No access to the dashboard',
        !actor
          ? 'You are not a member of any organisation any more, or your session was ended. Ask an admin for a new invitation, or sign in again.'
          : `Your role in ${actor.organisationName}, ${actor.role.name}, does not include the dashboard. It may still use the REST API.`,
      ];
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-600">{reason}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {elsewhere.map((o) => (
          <form key={o.id} action="/account/organisation" method="post">
            <input type="hidden" name="organisationId" value={o.id} />
            <button type="submit" className={buttonClass('primary')}>
              Switch to {o.name}
            </button>
          </form>
        ))}
        <form action="/sign-out" method="post">
          <button type="submit" className={buttonClass('secondary')}>
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
