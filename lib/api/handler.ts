import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { errorResponse, failureResponse, internalErrorResponse } from '@/lib/http';
import { hasAudience } from '@/lib/rbac';
import type { Actor, RequestContext } from '@/lib/services/actor';
import { authenticateApiKey, authenticateBintuToken } from '@/lib/services/authenticate';
import { hitLimit } from '@/lib/services/rate-limit';
import { ServiceError, toFailure } from '@/lib/services/result';

// Every /api/v1 handler goes through here: request id, authentication (bintu token or
// API key), the `api` audience, a rate limit per caller, and one error shape. The
// handlers themselves only parse the request and call lib/services. Errors are
// lib/http.ts's `errorResponse` and `failureResponse`.

export function json(body: unknown, status = 200) {
  return NextResponse.json(body, { status });
}

/** The JSON body, or a 422 the handler returns as it is. */
export async function readJson(
  req: NextRequest,
): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  const text = await req.text();
  if (!text.trim()) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: errorResponse('invalid', 'The request body is not valid JSON.') };
  }
}

export async function authenticate(req: Request, context: RequestContext): Promise<Actor | null> {
  const apiKey = req.headers.get('x-api-key');
  if (apiKey) return authenticateApiKey(apiKey.trim(), context);
  const authz = req.headers.get('authorization');
  const bearer = authz?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ? authenticateBintuToken(bearer, context) : null;
}

type Params = Record<string, string>;
type Handler<P extends Params> = (input: {
  req: NextRequest;
  actor: Actor;
  params: P;
  context: RequestContext;
}) => Promise<Response>;
type PublicHandler<P extends Params> = (input: {
  req: NextRequest;
  params: P;
  context: RequestContext;
}) => Promise<Response>;

function withRequestId(res: Response, requestId: string) {
  res.headers.set('x-request-id', requestId);
  return res;
}

async function guard(requestId: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return withRequestId(await run(), requestId);
  } catch (err) {
    if (err instanceof ServiceError)
      return withRequestId(failureResponse(toFailure(err)), requestId);
    // Log the failure without the request (which may carry secrets).
    console.error(
      `[api] ${requestId} ${err instanceof Error ? `${err.name}: ${err.message}` : 'error'}`,
    );
    return withRequestId(internalErrorResponse(requestId), requestId);
  }
}

/** An authenticated endpoint: the caller must hold the `api` audience. */
export function apiRoute<P extends Params = Params>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }) => {
    const context = contextFromHeaders(req.headers);
    const requestId = context.requestId ?? randomUUID();
    return guard(requestId, async () => {
      const actor = await authenticate(req, context);
      if (!actor) {
        return errorResponse(
          'unauthenticated',
          'Send a valid bintu token (Authorization: Bearer …) or X-API-Key.',
          { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } },
        );
      }
      if (!hasAudience(actor, 'api'))
        return errorResponse('forbidden', 'Your role does not include the REST API.');
      const caller =
        actor.kind === 'api_key' ? `key:${actor.organisationId}` : `member:${actor.membershipId}`;
      const limit = await hitLimit('api', caller);
      if (!limit.allowed) {
        return errorResponse('rate_limited', 'Too many requests.', {
          headers: { 'Retry-After': String(limit.retryAfterSeconds) },
        });
      }
      return handler({ req, actor, params: await ctx.params, context });
    });
  };
}

/** An endpoint without authentication (token creation, playback verification). */
export function publicApiRoute<P extends Params = Params>(handler: PublicHandler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }) => {
    const context = contextFromHeaders(req.headers);
    const requestId = context.requestId ?? randomUUID();
    return guard(requestId, async () => handler({ req, params: await ctx.params, context }));
  };
}
