#!/usr/bin/env node
// Runs after every install (package.json "postinstall"): two fixes to Next.js 15.5 that
// upstream made after it, and one size. Idempotent; each fails loudly if the code it
// patches has changed, so an upgrade cannot drop one silently.
//
// 1. Next.js copies a request's body for a Node.js middleware and hands the request on
//    before it has put the body back (a missing `await` of `finalize()`, fixed upstream in
//    vercel/next.js#85418): now and then a page or route handler read an incomplete body,
//    and a sign-in or a server action failed for no reason.
//    tests/system/request-bodies.test.ts proves the fix.
// 2. Every page's HTML goes through stream transforms that search each chunk for a tag
//    (`</body></html>`, the icons' mark) with a byte-by-byte loop in JavaScript: about
//    0.7 ms of a page of 100 rows. Node's native `Buffer#indexOf` does the same search
//    (upstream: vercel/next.js#89864). Only the server runtimes that render pages are
//    patched; they run on Node.js, where `Buffer` always exists.
//    tests/unit/next-patch.test.ts checks the patched search against the original.
// 3. React's server renderers (HTML and Server Components, bundled in the same runtimes)
//    encode their output into 2 KB views and write each full view as a chunk of its own:
//    a page of 100 rows (140 KB) went through Next's stream transforms in about 70
//    chunks. With 16 KB views it is about 9, and the page costs 11 % less (the sign-in
//    page 6 %). Each pass of the renderer still writes what it has at its end, so nothing
//    waits for a view to fill. Every use of the size is changed, in both writers, and
//    their count is checked. tests/unit/next-patch.test.ts checks the runtimes;
//    tests/system/large-pages.test.ts reads a 100-row page whole over HTTP.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let nextDir;
try {
  nextDir = path.dirname(require.resolve('next/package.json'));
} catch {
  process.exit(0); // next is not installed (yet)
}

/**
 * Applies `patch` to `file` unless `done` says it is there; exits when neither fits. A
 * global `broken` must match exactly `count` times, and each match is replaced.
 */
function patchFile(file, { done, broken, fixed, count = 1, issue, what }) {
  const source = readFileSync(file, 'utf8');
  if (done(source)) return;
  const found = broken.global ? (source.match(broken)?.length ?? 0) : +broken.test(source);
  if (found !== count) {
    console.error(`[patch-next] ${file} changed: check ${issue} and this patch.`);
    process.exit(1);
  }
  writeFileSync(file, source.replace(broken, fixed));
  console.log(`[patch-next] ${what} in ${path.relative(nextDir, file)}`);
}

patchFile(path.join(nextDir, 'dist/server/next-server.js'), {
  done: (source) => source.includes('await requestData.body.finalize();'),
  broken: /(\n\s*)requestData\.body\.finalize\(\);/,
  fixed: '$1await requestData.body.finalize();',
  issue: 'vercel/next.js#85416',
  what: 'awaited the middleware body hand-back',
});

// The server runtimes that render pages; they run on Node.js.
const PAGE_RUNTIMES = [
  'app-page',
  'app-page-experimental',
  'app-page-turbo',
  'app-page-turbo-experimental',
];

// The minified `indexOfUint8Array(a, b)` of src/server/stream-utils/uint8array-helpers.ts.
const BYTE_SEARCH =
  /function (\w+)\((\w+),(\w+)\)\{if\(0===\3\.length\)return 0;if\(0===\2\.length\|\|\3\.length>\2\.length\)return -1;for\(let (\w+)=0;\4<=\2\.length-\3\.length;\4\+\+\)\{let (\w+)=!0;for\(let (\w+)=0;\6<\3\.length;\6\+\+\)if\(\2\[\4\+\6\]!==\3\[\6\]\)\{\5=!1;break\}if\(\5\)return \4\}return -1\}/;
const NATIVE_SEARCH = 'function $1($2,$3){return Buffer.prototype.indexOf.call($2,$3)}';

for (const runtime of PAGE_RUNTIMES) {
  patchFile(path.join(nextDir, `dist/compiled/next-server/${runtime}.runtime.prod.js`), {
    done: (source) =>
      /function \w+\(\w+,\w+\)\{return Buffer\.prototype\.indexOf\.call/.test(source),
    broken: BYTE_SEARCH,
    fixed: NATIVE_SEARCH,
    issue: 'vercel/next.js#89864',
    what: 'native byte search',
  });
}

// Where the two writers use their view size: the views themselves, the bound above which
// a string is encoded on its own (a third of the size, at three bytes per character at
// most), a full view, and chunks larger than a view.
const VIEW_SIZE_USES = /new Uint8Array\(2048\)|2048<3\*|2048===|2048<(?=[\w$]+\.byteLength)/g;
const VIEW_SIZE_COUNT = 24;

for (const runtime of PAGE_RUNTIMES) {
  patchFile(path.join(nextDir, `dist/compiled/next-server/${runtime}.runtime.prod.js`), {
    done: (source) =>
      source.includes('new Uint8Array(16384)') && !source.includes('new Uint8Array(2048)'),
    broken: VIEW_SIZE_USES,
    count: VIEW_SIZE_COUNT,
    fixed: (use) => use.replace('2048', '16384'),
    issue: "React's view size",
    what: '16 KB views',
  });
}
