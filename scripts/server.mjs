#!/usr/bin/env node
// The production server: `next start` with the client's address taken from the socket.
//
// Next.js fills `X-Forwarded-For` from the socket only when the request has none, so a
// client that sends its own header would choose the address every rate limit and audit
// event sees. This entry makes the header trustworthy before Next reads it:
//   - the socket's address is always appended to `X-Forwarded-For`, so the last entry is
//     the peer that really connected; lib/auth/request-context.ts then walks back TRUST_PROXY hops
//     (docs/security.md, "Client address");
//   - without TRUST_PROXY, the forwarded host, protocol and port a client claims are
//     dropped, so neither Auth.js redirects nor invite links follow them.
// Flags as `next start`: -p/--port, -H/--hostname. Methods outside HTTP's usual set get
// 405 here, before any page code (TRACE included).
import { createServer } from 'node:http';

// The production server is production, as under `next start`, whatever the shell says: an
// unset NODE_ENV would make AUTH_SECRET optional and seed the demo organisation
// (docs/deploy.md). Set before Next loads.
process.env.NODE_ENV ||= 'production';
const { default: next } = await import('next');

const argv = process.argv.slice(2);
const flag = (short, long) => {
  const i = argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = Number(flag('-p', '--port') ?? process.env.PORT ?? 3000);
const hostname = flag('-H', '--hostname') ?? '0.0.0.0';
const trustProxy = !['', '0', 'false', undefined].includes(process.env.TRUST_PROXY);

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const UNTRUSTED = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'];

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (!METHODS.has(req.method ?? '')) {
    // The error body of lib/http.ts `errorResponse`, written by hand: this file is plain
    // JavaScript, run before Next, and cannot import TypeScript.
    res.writeHead(405, { Allow: [...METHODS].join(', '), 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({ error: { code: 'method_not_allowed', message: 'Method not allowed.' } }),
    );
    return;
  }
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const chain = [forwarded, req.socket.remoteAddress].flat().filter(Boolean).join(', ');
  req.headers['x-forwarded-for'] = chain;
  if (!trustProxy) for (const name of UNTRUSTED) delete req.headers[name];
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// Clients that hang up mid-request are not the server's errors.
server.on('clientError', (_err, socket) => socket.destroy());
server.listen(port, hostname, () => {
  console.log(`> Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
});
