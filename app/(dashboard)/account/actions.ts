'use server';

import { headers } from 'next/headers';
import { action, field } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import { signOut } from '@/lib/auth/config';
import { contextFromHeaders, publicOrigin } from '@/lib/auth/request-context';
import { requestEmailChange, requestEmailVerification } from '@/lib/services/email-confirmations';
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

/** Mails a link that proves the account's address. */
export const requestEmailVerificationAction = action(
  'requestEmailVerificationAction',
  async (account): Promise<ActionState> => {
    const h = await headers();
    const result = await requestEmailVerification(
      account.id,
      contextFromHeaders(h),
      publicOrigin(h),
    );
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: result.alreadyVerified
        ? `${result.email} is verified.`
        : `Check your inbox: a link to verify ${result.email} is on its way.`,
    };
  },
);

/** Asks for a change of address: the link goes to the new address. */
export const changeEmailAction = action(
  'changeEmailAction',
  async (account, form): Promise<ActionState> => {
    const h = await headers();
    const result = await requestEmailChange(
      account.id,
      { email: field(form, 'email'), password: field(form, 'password') },
      contextFromHeaders(h),
      publicOrigin(h),
    );
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: `Check the inbox of ${result.email}: the change is made when you follow the link there.`,
    };
  },
);
