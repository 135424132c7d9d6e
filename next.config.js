// @ts-check
const isProd = process.env.NODE_ENV === 'production';

// The Content Security Policy is set per request by middleware.ts, with a fresh script
// nonce (lib/csp.ts); these headers go on every response.
const securityHeaders = [
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ...(isProd
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder; pino (the
  // log, lib/log.ts) is loaded as Node loads it, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pino'],
  // Read from disk at run time, so a serverless bundle must carry them (docs/deploy.md,
  // "Build"): the migrations (applied at start, and their journal read by the readiness
  // check). The tracer cannot see paths built from process.cwd().
  outputFileTracingIncludes: {
    '**': ['./db/migrations/*.sql', './db/migrations/meta/_journal.json'],
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
