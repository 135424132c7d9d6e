import { describe, expect, it } from 'vitest';
import { clientAddress, requestOrigin } from '@/lib/auth/request-context';
import { contentSecurityPolicy, newNonce } from '@/lib/csp';

// docs/security.md, "Client address": scripts/server.mjs appends the socket's address
// to X-Forwarded-For (and drops a client's own header when no proxy is trusted), so the
// last entry is the peer that connected and TRUST_PROXY=N walks back N proxies.

const h = (init: Record<string, string>) => new Headers(init);

describe('clientAddress', () => {
  it('is the socket address without trusted proxies, whatever a client claims', () => {
    // What the server entry passes on when TRUST_PROXY is off: the socket only.
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9' }), 0)).toBe('203.0.113.9');
    // A chain (a client's own header reaching code that trusts nothing): the last entry.
    expect(clientAddress(h({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9' }), 0)).toBe('203.0.113.9');
  });

  it('walks back the configured number of proxies, and no further', () => {
    const chain = h({ 'x-forwarded-for': 'spoofed, 198.51.100.4, 10.0.0.2' });
    expect(clientAddress(chain, 1)).toBe('198.51.100.4');
    // More hops configured than the chain holds: the first entry, never beyond it.
    expect(clientAddress(h({ 'x-forwarded-for': '198.51.100.4, 10.0.0.2' }), 5)).toBe(
      '198.51.100.4',
    );
  });

  it('is null unless the entry is an IP address', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '=1+1' }), 0)).toBeNull();
    expect(clientAddress(h({ 'x-forwarded-for': 'evil, 10.0.0.2' }), 1)).toBeNull();
    expect(clientAddress(h({}), 0)).toBeNull();
    expect(clientAddress(h({ 'x-forwarded-for': '::ffff:127.0.0.1' }), 0)).toBe('::ffff:127.0.0.1');
    expect(clientAddress(h({ 'x-forwarded-for': '[2001:db8::1]' }), 0)).toBe('2001:db8::1');
  });
});

describe('requestOrigin', () => {
  it('ignores X-Forwarded-Host unless a proxy is trusted', () => {
    const headers = h({ host: 'dash.example.com', 'x-forwarded-host': 'evil.example' });
    expect(requestOrigin(headers, false)).toBe('http://dash.example.com');
    expect(requestOrigin(headers, true)).toBe('http://evil.example');
  });
});

describe('content security policy', () => {
  it('lets only scripts with this request’s nonce run', () => {
    const nonce = newNonce();
    expect(nonce).not.toBe(newNonce());
    const policy = contentSecurityPolicy(nonce);
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("frame-ancestors 'none'");
  });
});
