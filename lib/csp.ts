import { env } from '@/lib/env';

// The Content Security Policy of every page (docs/security.md, "Headers"): scripts run
// only with this request's nonce, and what they load inherits the trust
// ('strict-dynamic'), so an injected inline script never runs. Next.js reads the nonce
// from the request's own policy header and puts it on its scripts.

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
  const dev = env().NODE_ENV === 'development';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Radix set style attributes; no script can come from a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
