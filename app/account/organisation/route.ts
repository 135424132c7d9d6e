import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getSessionAccount } from '@/lib/auth/actor';
import { crossSiteRefused, seeOther } from '@/lib/http';
import { isSameOrigin } from '@/lib/auth/request-context';
import { setActiveOrganisation } from '@/lib/auth/cookies';
import { isMemberOf } from '@/lib/services/actor';

// Switches the active organisation. The cookie is only a preference: every request
// re-checks that the account is a member before acting in it.
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req.headers)) return crossSiteRefused();
  const account = await getSessionAccount();
  if (!account) return seeOther('/sign-in');
  const form = await req.formData().catch(() => null);
  const organisationId = z.uuid().safeParse(form?.get('organisationId')).data;
  const ok = !!organisationId && (await isMemberOf(account.id, organisationId));
  const res = seeOther(ok ? '/organisation' : '/account');
  if (ok) setActiveOrganisation(res.cookies, organisationId!, req.headers);
  return res;
}
