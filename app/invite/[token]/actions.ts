'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { action, field, type SessionAccount } from '@/lib/action';
import type { ActionState } from '@/lib/action-state';
import { setActiveOrganisation } from '@/lib/auth/cookies';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { answerInvitation } from '@/lib/services/invite-answers';
import { inviteTokenSchema } from '@/lib/validation/invitations';

// The page posts its token in the form; anyone can post another, so it is checked
// before anything else. Each answer ends on a page: the organisation, or the
// invitation's page saying what happened.
async function answer(
  account: SessionAccount,
  form: FormData,
  choice: 'accept' | 'decline',
): Promise<ActionState> {
  // Not a token at all (a long or malformed string): the page for unknown links.
  const parsed = inviteTokenSchema.safeParse(field(form, 'token'));
  if (!parsed.success) redirect('/invite/invalid');
  const token = parsed.data;
  const requestHeaders = await headers();
  const result = await answerInvitation(account, token, choice, contextFromHeaders(requestHeaders));
  const page = `/invite/${token}`;
  if (!result.ok) redirect(page);
  if (choice === 'decline') redirect(`${page}?declined=1`);
  setActiveOrganisation(await cookies(), result.organisationId, requestHeaders);
  redirect('/organisation');
}

export const acceptInviteAction = action('acceptInviteAction', async (account, form) =>
  answer(account, form, 'accept'),
);

export const declineInviteAction = action('declineInviteAction', async (account, form) =>
  answer(account, form, 'decline'),
);
