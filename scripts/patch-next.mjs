#!/usr/bin/env node
// Runs after every install (package.json "postinstall"). Next.js 15.5 copies a request's
// body for a Node.js middleware and hands the request on before it has put the body back
// (a missing `await` of `finalize()`, fixed upstream in vercel/next.js#85418): now and then
// a page or route handler read an incomplete body, and a sign-in or a server action
// failed for no reason. tests/system/request-bodies.test.ts proves the fix. Idempotent;
// it fails loudly if the code it patches has changed, so an upgrade cannot drop it silently.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let file;
try {
  file = path.join(
    path.dirname(require.resolve('next/package.json')),
    'dist/server/next-server.js',
  );
} catch {
  process.exit(0); // next is not installed (yet)
}
const source = readFileSync(file, 'utf8');
const broken = /(\n\s*)requestData\.body\.finalize\(\);/;
const fixed = 'await requestData.body.finalize();';
if (source.includes(fixed)) process.exit(0);
if (!broken.test(source)) {
  console.error(`[patch-next] ${file} changed: check vercel/next.js#85416 and this patch.`);
  process.exit(1);
}
writeFileSync(file, source.replace(broken, `$1${fixed}`));
console.log('[patch-next] awaited the middleware body hand-back in next-server.js');
