import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import type { RequestContext } from '@/lib/services/actor';

// Where a request came from, computed in one place (docs/security.md, "Client address").
// The server entry (scripts/server.mjs) appends the socket's address to X-Forwarded-For
// and drops the forwarded host and protocol unless TRUST_PROXY is on, so the last entry
// of X-Forwarded-For is the peer that connected; TRUST_PROXY=N walks back N proxies.

/** The client's IP address, or null when what we were told is not an address. */
export function clientAddress(headers: Headers, hops = env().TRUST_PROXY): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!chain.length) return null;
  const candidate = chain[Math.max(0, chain.length - 1 - hops)]!;
  const bare = candidate.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) ? bare : null;
}

/** The origin the browser used: the Host header, or the trusted proxy's forwarded host. */
export function requestOrigin(headers: Headers, trusted = env().TRUST_PROXY > 0): string {
  const host =
    (trusted ? headers.get('x-forwarded-host')?.split(',')[0]?.trim() : null) ??
    headers.get('host') ??
    'localhost';
  // Set by Next.js from the socket, or by the trusted proxy (the server entry drops a
  // client's own value when TRUST_PROXY is off).
  const proto =
    headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

/** The public origin for links we hand out: PUBLIC_URL, else the request's origin. */
export function publicOrigin(headers: Headers): string {
  const configured = env().PUBLIC_URL;
  return configured ? configured.replace(/\/+$/, '') : requestOrigin(headers);
}

/**
 * True unless the browser says the request comes from another site. Browsers send
 * Origin on every cross-site POST; a request without one is not a browser's form.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === new URL(requestOrigin(headers)).host;
  } catch {
    return false;
  }
}

/** IP, user agent and request id of a request, for rate limits and audit events. */
export function contextFromHeaders(headers: Headers): RequestContext {
  const requestId = headers.get('x-request-id');
  return {
    ip: clientAddress(headers),
    // Headers may carry tabs and C1 control characters; the audit log and CSV get text.
    userAgent:
      headers
        .get('user-agent')
        ?.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
        .slice(0, 512) ?? null,
    requestId: requestId && /^[\w.:-]{1,100}$/.test(requestId) ? requestId : randomUUID(),
  };
}
