import { NextResponse, type NextRequest } from 'next/server';
import { ACTIVE_ORG_COOKIE } from '@/lib/auth/cookies';
import { contextFromHeaders, isSameOrigin, requestOrigin } from '@/lib/auth/request-context';
import {
  SESSION_HEADER,
  readSession,
  renewedCookie,
  sessionHeader,
  type Session,
} from '@/lib/auth/session-cookie';
import { crossSiteRefused, errorResponse, internalErrorResponse } from '@/lib/http';
import { describeError, log } from '@/lib/log';
import { actionNameOf } from '@/lib/action-manifest';
import { inDashboard } from '@/lib/areas';
import { contentSecurityPolicy, newNonce } from '@/lib/csp';
import { actionGate, apiGate, apiPathExists, can, hasAudience, type ActionGate } from '@/lib/rbac';
import { resolveMemberActor, resolveSessionAccount } from '@/lib/services/actor';
import { authenticateRequest } from '@/lib/services/authenticate';

// The first gate (docs/security.md, "Two gates"). It refuses early, from the table in
// lib/rbac/gates.ts; the action wrapper and the services check the exact permission
// again. Order: cross-site mutations, server actions, the REST API, signed-in pages.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default async function middleware(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const isApi = pathname.startsWith('/api/v1/') || pathname === '/api/v1';

  if (!SAFE_METHODS.has(req.method) && !isApi && !isSameOrigin(req.headers)) {
    return crossSiteRefused();
  }

  if (isApi) return gateApi(req);

  // The session cookie, decoded once for the whole request (lib/auth/session-cookie.ts).
  const session = await readSession(req.cookies);
  const actionId = req.headers.get('next-action');
  if (actionId !== null && req.method === 'POST') {
    const refused = await gateAction(req, actionId, session);
    if (refused) return refused;
    return forward(req, session);
  }

  if (inDashboard(pathname) && !session) {
    if (!SAFE_METHODS.has(req.method)) return errorResponse('unauthenticated', 'Please sign in.');
    const url = new URL('/sign-in', requestOrigin(req.headers));
    url.searchParams.set('callbackUrl', pathname + search);
    return NextResponse.redirect(url);
  }
  return forward(req, session);
}

/** A server action, posted by its id: its gate from the table, or a refusal. */
async function gateAction(req: NextRequest, actionId: string, session: Session | null) {
  const name = actionNameOf(actionId);
  const gate: ActionGate | undefined = name ? actionGate(name) : undefined;
  if (!gate) return errorResponse('not_found', 'Unknown action.');
  if (!(await argumentsAreAList(req))) {
    return errorResponse(
      'invalid',
      'This request was not understood. Reload the page and try again.',
      { status: 400 },
    );
  }
  if (gate.caller === 'anyone') return null;
  const signedOut = () => errorResponse('unauthenticated', 'Please sign in.');
  if (!session) return signedOut();
  if (gate.caller === 'account') {
    return (await resolveSessionAccount(session.accountId, session.sessionId)) ? null : signedOut();
  }
  const actor = await resolveMemberActor({
    accountId: session.accountId,
    sessionId: session.sessionId,
    organisationId: req.cookies.get(ACTIVE_ORG_COOKIE)?.value ?? null,
    // The action resolves its actor again, and records the activity then.
    recordActivity: false,
  });
  if (!actor) return signedOut();
  if (!hasAudience(actor, 'dashboard') || (gate.permission && !can(actor, gate.permission))) {
    return errorResponse('forbidden', 'Your role does not allow this.');
  }
  return null;
}

/**
 * React posts an action's arguments as a list (a JSON array, or a form whose root field
 * `0` is one). Anything else makes Next.js itself fail before our code: refuse it here.
 */
async function argumentsAreAList(req: NextRequest): Promise<boolean> {
  const type = req.headers.get('content-type') ?? '';
  try {
    const root =
      type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')
        ? (await req.clone().formData()).get('0')
        : await req.clone().text();
    return typeof root === 'string' && Array.isArray(JSON.parse(root));
  } catch {
    return false;
  }
}

/** The REST API: unknown routes and methods, then the caller of every mutation. */
async function gateApi(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const gate = apiGate(method, pathname);
  if (!gate) {
    if (req.method === 'OPTIONS') return NextResponse.next();
    return apiPathExists(pathname)
      ? errorResponse('method_not_allowed', `${req.method} is not allowed here.`, { status: 405 })
      : errorResponse('not_found', 'No such endpoint.');
  }
  // Reads are authorized by their handler; mutations are refused here first.
  if (gate.caller === 'public' || SAFE_METHODS.has(req.method)) return NextResponse.next();
  let actor: Awaited<ReturnType<typeof authenticateRequest>>;
  const context = contextFromHeaders(req.headers);
  try {
    // The handler authenticates again, and records the activity then.
    actor = await authenticateRequest(req.headers, context, { recordActivity: false });
  } catch (err) {
    // The database is unreachable, say: the API's own error, as its handlers answer it
    // (lib/api/handler.ts), not Next's HTML error page. Name and message only.
    const requestId = context.requestId ?? crypto.randomUUID();
    log.error('api gate failed', { requestId, route: pathname, error: describeError(err) });
    const response = internalErrorResponse(requestId);
    response.headers.set('x-request-id', requestId);
    return response;
  }
  if (!actor) return errorResponse('unauthenticated', 'Send a valid bintu token or X-API-Key.');
  const allowed =
    hasAudience(actor, 'api') &&
    (!gate.permission || can(actor, gate.permission)) &&
    (!gate.audience || hasAudience(actor, gate.audience));
  if (!allowed) return errorResponse('forbidden', 'Your role does not allow this.');
  return NextResponse.next();
}

/**
 * On to the page or action: a fresh nonce for its scripts (lib/csp.ts), the verified
 * session in a signed header (never one the client sent), and the cookie renewed when due.
 */
async function forward(req: NextRequest, session: Session | null) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  if (session) headers.set(SESSION_HEADER, sessionHeader(session));
  else headers.delete(SESSION_HEADER);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('content-security-policy', policy);
  // Renewed on page loads only: a sign-in or sign-out response sets the cookie itself.
  const renewed = session && req.method === 'GET' ? await renewedCookie(session) : null;
  if (renewed) res.cookies.set(renewed.name, renewed.value, renewed.options);
  return res;
}

export const config = {
  runtime: 'nodejs',
  // Everything but the build's static files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
