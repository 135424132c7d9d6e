import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@/lib/services/actor';

/** IP, user agent and request id of a request, for rate limits and audit events. */
export function contextFromHeaders(headers: Headers): RequestContext {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    ip: forwarded || headers.get('x-real-ip') || null,
    userAgent: headers.get('user-agent'),
    requestId: headers.get('x-request-id') ?? randomUUID(),
  };
}
