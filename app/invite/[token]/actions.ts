'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getSessionAccount } from '@/lib/auth/actor';
import { setActiveOrganisation } from '@/lib/auth/cookies';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { answerInvitation } from '@/lib/services/invitations';
import { inviteTokenSchema } from '@/lib/validation/invitations';

// Bound to the page's token (`action.bind(null, token)`); anyone can post other
// arguments to these ids, so the token's type is checked before anything else.
async function answer(raw: unknown, choice: 'accept' | 'decline') {
  // Not a token at all (a long or malformed string): the page for unknown links.
  const parsed = inviteTokenSchema.safeParse(raw);
  if (!parsed.success) redirect('/invite/invalid');
  const token = parsed.data;
  const account = await getSessionAccount();
  const result = await answerInvitation(
    account,
    token,
    choice,
    contextFromHeaders(await headers()),
  );
  const page = `/invite/${token}`;
  if (!result.ok)
    redirect(
      result.reason === 'signed_out' ? `/sign-in?callbackUrl=${encodeURIComponent(page)}` : page,
    );
  if (choice === 'decline') redirect(`${page}?declined=1`);
  setActiveOrganisation(await cookies(), result.organisationId, await headers());
  redirect('/organisation');
}

export async function acceptInviteAction(token: unknown) {
  await answer(token, 'accept');
}

export async function declineInviteAction(token: unknown) {
  await answer(token, 'decline');
}
