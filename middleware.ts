import { NextResponse } from 'next/server';
import { auth } from '@/lib/auth/config';
import { resolveMemberActor } from '@/lib/services/actor';
import { isManager } from '@/lib/rbac';
import { ACTIVE_ORG_COOKIE } from '@/lib/auth/cookies';

import { authenticate } from '@/lib/api/handler';
import { contextFromHeaders, requestOrigin } from '@/lib/auth/request-context';

// The first gate. It refuses early; the services check the exact permission again.
const SIGNED_IN_AREAS = ['/organisation', '/account', '/streams'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// The admin API: changes to users, invitations and organisation keys.
const ADMIN_API = ['/api/v1/users', '/api/v1/invitations', '/api/v1/organisation'];

export default auth(async (req) => {
  const { pathname, search } = req.nextUrl;
  if (ADMIN_API.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    if (SAFE_METHODS.has(req.method)) return NextResponse.next();
    const actor = await authenticate(req, contextFromHeaders(req.headers));
    if (!actor) return jsonError(401, 'Send a valid bintu token or X-API-Key.');
    if (!isManager(actor.permissions))
      return jsonError(403, 'Your role does not allow changes to the organisation.');
    return NextResponse.next();
  }

  const inArea = SIGNED_IN_AREAS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!inArea) return NextResponse.next();

  const session = req.auth;
  if (!session?.accountId) {
    if (!SAFE_METHODS.has(req.method)) return jsonError(401, 'Please sign in.');
    const url = new URL('/sign-in', requestOrigin(req.headers));
    url.searchParams.set('callbackUrl', pathname + search);
    return NextResponse.redirect(url);
  }

  const isOrganisationMutation =
    !SAFE_METHODS.has(req.method) &&
    (pathname === '/organisation' || pathname.startsWith('/organisation/'));
  if (isOrganisationMutation) {
    const actor = await resolveMemberActor({
      accountId: session.accountId,
      sessionVersion: session.sessionVersion,
      organisationId: req.cookies.get(ACTIVE_ORG_COOKIE)?.value ?? null,
    });
    if (!actor || !isManager(actor.permissions)) {
      return jsonError(403, 'Your role does not allow changes to the organisation.');
    }
  }
  return NextResponse.next();
});

function jsonError(status: number, message: string) {
  return NextResponse.json(
    { error: { code: status === 401 ? 'unauthenticated' : 'forbidden', message } },
    { status },
  );
}

export const config = {
  runtime: 'nodejs',
  matcher: [
    '/organisation/:path*',
    '/account/:path*',
    '/streams/:path*',
    '/api/v1/users/:path*',
    '/api/v1/invitations/:path*',
    '/api/v1/organisation/:path*',
  ],
};
