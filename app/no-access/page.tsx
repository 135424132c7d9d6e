import type { Metadata } from 'next';
import { getActor } from '@/lib/auth/actor';
import { buttonClass } from '@/components/ui/button';

export const metadata: Metadata = { title: 'No access' };
export const dynamic = 'force-dynamic';

export default async function NoAccessPage() {
  const actor = await getActor();
  const reason = !actor
    ? 'You are not a member of any organisation any more, or your session was ended. Ask an admin for a new invitation, or sign in again.'
    : `Your role in ${actor.organisationName}, ${actor.role.name}, does not include the dashboard. It may still use the REST API.`;
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">No access to the dashboard</h1>
      <p className="mt-3 text-slate-600">{reason}</p>
      <form action="/sign-out" method="post" className="mt-6">
        <button type="submit" className={buttonClass('secondary')}>
          Sign out
        </button>
      </form>
    </main>
  );
}
