'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/config';
import { ACTIVE_ORG_COOKIE } from '@/lib/auth/cookies';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { answerInvitation, resolveAccount } from '@/lib/services/invitations';

async function answer(token: string, choice: 'accept' | 'decline') {
  const session = await auth();
  const account = session?.accountId
    ? await resolveAccount(session.accountId, session.sessionVersion)
    : null;
  const result = await answerInvitation(
    account,
    token,
    choice,
    contextFromHeaders(await headers()),
  );
  const page = `/invite/${encodeURIComponent(token)}`;
  if (!result.ok)
    redirect(
      result.reason === 'signed_out' ? `/sign-in?callbackUrl=${encodeURIComponent(page)}` : page,
    );
  if (choice === 'decline') redirect(`${page}?declined=1`);
  (await cookies()).set(ACTIVE_ORG_COOKIE, result.organisationId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 365 * 24 * 3600,
  });
  redirect('/organisation');
}

export async function acceptInviteAction(token: string) {
  await answer(token, 'accept');
}

export async function declineInviteAction(token: string) {
  await answer(token, 'decline');
}
