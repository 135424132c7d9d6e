import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { contextFromHeaders } from '@/lib/auth/request-context';
import { errorResponse, failureResponse, internalErrorResponse } from '@/lib/http';
import { describeError, log } from '@/lib/log';
import { API_GATES, hasAudience, type ApiGate } from '@/lib/rbac';
import type { Actor, RequestContext } from '@/lib/services/actor';
import { authenticateRequest } from '@/lib/services/authenticate';
import { hitLimit } from '@/lib/services/rate-limit';
import {
  ServiceError,
  fail,
  fieldErrorsOf,
  toFailure,
  type ErrorCode,
  type Failure,
} from '@/lib/services/result';
import { queryParamsSchema } from '@/lib/validation/text';
import { API_OPERATIONS, type ApiBody, type ApiRoute, type Operation } from './operations';

// Every /api/v1 handler is `apiRoute(route, handler)` with `route` a row of the one table
// (lib/api/operations.ts). Around the handler: the request id, for an authenticated row a
// bintu token or the API key, the `api` audience and a rate limit per caller, the query
// and the JSON body read (422 when unreadable), and one error shape (lib/http.ts). The
// handler calls lib/services and gives back the row's success body, typed by its schema
// and encoded through it (Dates as ISO text, nothing the schema leaves out), or a refusal.

/** An expected refusal: a service Failure, or a code and a message. */
export class Refusal {
  constructor(readonly failure: Failure) {}
}

export function refuse(failure: Failure): Refusal;
export function refuse(code: ErrorCode, message: string): Refusal;
export function refuse(failureOrCode: Failure | ErrorCode, message = ''): Refusal {
  return new Refusal(
    typeof failureOrCode === 'string' ? fail(failureOrCode, message) : failureOrCode,
  );
}

type Params = Record<string, string>;
const UUID = z.uuid();
/** The path's parameters: `{id}` in the route is `params.id`. */
type ParamsOf<R extends ApiRoute> = R extends `${string}{id}${string}` ? { id: string } : Params;

interface HandlerInput<R extends ApiRoute> {
  req: NextRequest;
  /** The caller; null only on a public row. */
  actor: (typeof API_GATES)[R] extends { caller: 'api' } ? Actor : null;
  params: ParamsOf<R>;
  /** The query string (the last value of a repeated parameter). */
  query: Record<string, string>;
  /** The JSON body as sent (`{}` when empty): the service parses it. */
  body: unknown;
  context: RequestContext;
}

type Handler<R extends ApiRoute> = (input: HandlerInput<R>) => Promise<ApiBody<R> | Refusal>;

/**
 * `body` with the path's id under `key`: the input of a service. A body that is no JSON
 * object (an array, `null`, a number) is passed on as it is, for the service's schema to
 * refuse (422), rather than read as an empty object.
 */
export function withId(body: unknown, key: string, id: string) {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? { ...body, [key]: id }
    : body;
}

async function readBody(req: NextRequest): Promise<{ body: unknown } | Refusal> {
  const text = await req.text();
  if (!text.trim()) return { body: {} };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return refuse('invalid', 'The request body is not valid JSON.');
  }
}

/**
 * The query as an object, refused (422) when a value holds a control character: the
 * dashboard's pages drop such a filter instead; an API client is told, so it does not take
 * unfiltered results for filtered ones.
 */
function readQuery(req: NextRequest): { query: Record<string, string> } | Refusal {
  const parsed = queryParamsSchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (parsed.success) return { query: parsed.data };
  return refuse(
    fail('invalid', 'Please correct the query parameters.', fieldErrorsOf(parsed.error)),
  );
}

async function authorizeCaller(req: NextRequest, context: RequestContext) {
  const actor = await authenticateRequest(req.headers, context);
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
  return actor;
}

function success(operation: Operation, body: unknown): Response {
  if (!operation.response) return new Response(null, { status: operation.status });
  return NextResponse.json(z.encode(operation.response, body), { status: operation.status });
}

export function apiRoute<R extends ApiRoute>(route: R, handler: Handler<R>) {
  const operation: Operation = API_OPERATIONS[route];
  const gate: ApiGate = API_GATES[route];
  return async (req: NextRequest, ctx: { params: Promise<Params> }): Promise<Response> => {
    const context = contextFromHeaders(req.headers);
    const requestId = context.requestId ?? randomUUID();
    let response: Response;
    try {
      response = await serve();
    } catch (err) {
      if (err instanceof ServiceError) response = failureResponse(toFailure(err));
      else {
        // The failure without the request (which may carry secrets).
        log.error('api request failed', { requestId, route, error: describeError(err) });
        response = internalErrorResponse(requestId);
      }
    }
    response.headers.set('x-request-id', requestId);
    return response;

    async function serve(): Promise<Response> {
      const actor = gate.caller === 'api' ? await authorizeCaller(req, context) : null;
      if (actor instanceof Response) return actor;
      const params: Params = (await ctx.params) ?? {};
      // An id that is no UUID names nothing: 404 on every route, as the document says,
      // rather than each service's own refusal of its input.
      if (params.id !== undefined && !UUID.safeParse(params.id).success)
        return errorResponse('not_found', 'Nothing with this id in your organisation.');
      const query = operation.query ? readQuery(req) : { query: {} };
      if (query instanceof Refusal) return failureResponse(query.failure);
      const body = operation.body ? await readBody(req) : { body: {} };
      if (body instanceof Refusal) return failureResponse(body.failure);
      const input = { req, actor, params, context, ...query, ...body };
      const result = await handler(input as HandlerInput<R>);
      return result instanceof Refusal
        ? failureResponse(result.failure)
        : success(operation, result);
    }
  };
}
