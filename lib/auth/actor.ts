import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { hasAudience } from '@/lib/rbac';
import { resolveMemberActor, resolveSessionAccount, type Actor } from '@/lib/services/actor';
import { auth } from './config';
import { contextFromHeaders } from './request-context';
import { SESSION_HEADER, readSessionHeader, type SessionClaims } from './session-cookie';

export { ACTIVE_ORG_COOKIE } from './cookies';
import { ACTIVE_ORG_COOKIE } from './cookies';

/**
 * The session of this request: as middleware verified it (lib/auth/session-cookie.ts),
 * or, for a request middleware did not see, from the cookie through Auth.js.
 */
const currentSession = cache(async (): Promise<SessionClaims | null> => {
  const verified = readSessionHeader((await headers()).get(SESSION_HEADER));
  if (verified) return verified;
  const session = await auth();
  return session?.accountId ? { accountId: session.accountId, sessionId: session.sessionId } : null;
});

/**
 * The signed-in member for this request, read from the database once per request so a
 * role change or removal applies on the very next request. Null when signed out.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await currentSession();
  if (!session) return null;
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveMemberActor({
    accountId: session.accountId,
    sessionId: session.sessionId,
    organisationId: cookieStore.get(ACTIVE_ORG_COOKIE)?.value ?? null,
    context: contextFromHeaders(headerList),
  });
});

/** The signed-in account of a live session, member of any organisation or none. */
export const getSessionAccount = cache(async () => {
  const session = await currentSession();
  if (!session) return null;
  const account = await resolveSessionAccount(session.accountId, session.sessionId);
  return account ? { ...account, sessionId: session.sessionId } : null;
});

/** The actor of a dashboard page: signed in, with the `dashboard` audience. */
export async function requireDashboardActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    // A live session without any organisation (removed from the last one): say so
    // rather than loop through the sign-in page. An ended session signs in again.
    if (await getSessionAccount()) redirect('/no-access');
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  if (!hasAudience(actor, 'dashboard')) redirect('/no-access');
  return actor;
}

/**
 * The actor of a server action: the dashboard's actions are the dashboard, so a role
 * without the `dashboard` audience (an API-only member) gets none of them.
 */
export async function getActionActor(): Promise<Actor | null> {
  const actor = await getActor();
  return hasAudience(actor, 'dashboard') ? actor : null;
}
