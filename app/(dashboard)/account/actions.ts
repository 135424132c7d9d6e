'use server';

import { getActionActor } from '@/lib/auth/actor';
import { signOut } from '@/lib/auth/config';
import { toActionState, SIGNED_OUT, type ActionState } from '@/lib/action-state';
import { signOutEverywhere } from '@/lib/services/accounts';
import { issueBintuToken } from '@/lib/services/tokens';

/** Ends this session and every other one of the account. */
export async function signOutEverywhereAction() {
  const actor = await getActionActor();
  if (actor?.accountId) await signOutEverywhere(actor.accountId);
  await signOut({ redirectTo: '/sign-in' });
}

export async function issueTokenAction(
  _prev: ActionState & { token?: string; expiresAt?: string },
): Promise<ActionState & { token?: string; expiresAt?: string }> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await issueBintuToken(actor);
  if (!result.ok) return toActionState(result);
  return { ok: true, token: result.token, expiresAt: result.expiresAt.toISOString() };
}
