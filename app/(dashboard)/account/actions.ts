'use server';

import { action, field } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { signOut } from '@/lib/auth/config';
import { endAllSessions, revokeSession } from '@/lib/services/sessions';
import { issueBintuToken } from '@/lib/services/tokens';

/** Ends this session and every other one of the account. */
export const signOutEverywhereAction = action(
  'signOutEverywhereAction',
  async (account): Promise<ActionState> => {
    await endAllSessions(account.id);
    await signOut({ redirectTo: '/sign-in' });
    return { ok: true };
  },
);

/** Ends one of the account's sessions; ending the current one signs this browser out. */
export const revokeSessionAction = action(
  'revokeSessionAction',
  async (account, form) => {
    const sessionId = field(form, 'sessionId');
    const result = await revokeSession(account.id, { sessionId });
    if (result.ok && sessionId === account.sessionId) await signOut({ redirectTo: '/sign-in' });
    return toActionState(result, 'Session ended.');
  },
  { refresh: ['/account'] },
);

export const issueTokenAction = action(
  'issueTokenAction',
  async (actor): Promise<ActionState & { token?: string; expiresAt?: string }> => {
    const result = await issueBintuToken(actor);
    if (!result.ok) return toActionState(result);
    return { ok: true, token: result.token, expiresAt: result.expiresAt.toISOString() };
  },
);
