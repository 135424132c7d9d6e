'use server';

import { getActor } from '@/lib/auth/actor';
import { signOut } from '@/lib/auth/config';
import { signOutEverywhere } from '@/lib/services/accounts';

/** Ends this session and every other one of the account. */
export async function signOutEverywhereAction() {
  const actor = await getActor();
  if (actor?.accountId) await signOutEverywhere(actor.accountId);
  await signOut({ redirectTo: '/sign-in' });
}
