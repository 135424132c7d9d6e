'use server';

import { redirect } from 'next/navigation';
import { accountAction, field, memberAction } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { getSessionAccount } from '@/lib/auth/actor';
import { signOut } from '@/lib/auth/config';
import { endAllSessions, revokeSession } from '@/lib/services/sessions';
import { issueBintuToken } from '@/lib/services/tokens';

/** Ends this session and every other one of the account. */
export async function signOutEverywhereAction(): Promise<void> {
  const account = await getSessionAccount();
  if (!account) redirect('/sign-in');
  await endAllSessions(account.id);
  await signOut({ redirectTo: '/sign-in' });
}

/** Ends one of the account's sessions; ending the current one signs this browser out. */
export const revokeSessionAction = accountAction(
  async (account, form) => {
    const sessionId = field(form, 'sessionId');
    const result = await revokeSession(account.id, { sessionId });
    if (result.ok && sessionId === account.sessionId) await signOut({ redirectTo: '/sign-in' });
    return toActionState(result, 'Session ended.');
  },
  { refresh: ['/account'] },
);

export const issueTokenAction = memberAction<ActionState & { token?: string; expiresAt?: string }>(
  'issueTokenAction',
  async (actor) => {
    const result = await issueBintuToken(actor);
    if (!result.ok) return toActionState(result);
    return { ok: true, token: result.token, expiresAt: result.expiresAt.toISOString() };
  },
);
