import { NextResponse } from 'next/server';
import { HTTP_STATUS, type ErrorCode, type Failure } from '@/lib/services/result';

interface ErrorInit {
  /** More members of `error`, after `code` and `message` (e.g. `fields`, `requestId`). */
  extra?: Record<string, unknown>;
  headers?: HeadersInit;
}

/**
 * The one error body of this site, `{ error: { code, message } }`: the REST API, the
 * middleware and the route handlers all answer with it (scripts/server.mjs, plain
 * JavaScript, writes the same by hand). A service ErrorCode brings its own status
 * (HTTP_STATUS); any other code names its status.
 */
export function errorResponse(code: ErrorCode, message: string, init?: ErrorInit): NextResponse;
export function errorResponse(
  code: string,
  message: string,
  init: ErrorInit & { status: number },
): NextResponse;
export function errorResponse(
  code: string,
  message: string,
  { extra, headers, status }: ErrorInit & { status?: number } = {},
): NextResponse {
  return NextResponse.json(
    { error: { code, message, ...extra } },
    { status: status ?? HTTP_STATUS[code as ErrorCode], headers },
  );
}

/** A service Failure as an error response, with its field errors when it has some. */
export function failureResponse(failure: Failure): NextResponse {
  return errorResponse(failure.code, failure.error, {
    extra: failure.fieldErrors ? { fields: failure.fieldErrors } : undefined,
  });
}

/** An unexpected error: nothing about it but, where there is one, the request id. */
export function internalErrorResponse(requestId?: string): NextResponse {
  return errorResponse('internal', 'Something went wrong.', {
    status: 500,
    extra: requestId ? { requestId } : undefined,
  });
}

export function crossSiteRefused() {
  return errorResponse('forbidden', 'Cross-site request refused.');
}

/** A 303 to a path on this site, relative so it follows whatever host the browser used. */
export function seeOther(path: string) {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}
