import type { NextRequest } from 'next/server';
import { auth } from '@/lib/auth/config';
import { crossSiteRefused, seeOther } from '@/lib/http';
import { isSameOrigin } from '@/lib/auth/request-context';
import { ACTIVE_ORG_COOKIE } from '@/lib/auth/cookies';
import { isMemberOf } from '@/lib/services/actor';

// Switches the active organisation. The cookie is only a preference: every request
// re-checks that the account is a member before acting in it.
export async function POST(req: NextRequest) {
  if (!isSameOrigin(req.headers)) return crossSiteRefused();
  const session = await auth();
  if (!session?.accountId) return seeOther('/sign-in');
  const form = await req.formData().catch(() => null);
  const organisationId = String(form?.get('organisationId') ?? '');
  const ok =
    /^[0-9a-f-]{36}$/i.test(organisationId) &&
    (await isMemberOf(session.accountId, organisationId));
  const res = seeOther(ok ? '/organisation' : '/account');
  if (ok) {
    res.cookies.set(ACTIVE_ORG_COOKIE, organisationId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.nextUrl.protocol === 'https:',
      path: '/',
      maxAge: 365 * 24 * 3600,
    });
  }
  return res;
}
