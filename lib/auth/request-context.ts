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

/** The public origin for links we hand out: PUBLIC_URL, else what the browser used. */
export function publicOrigin(headers: Headers, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost:3000';
  const proto =
    headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}
