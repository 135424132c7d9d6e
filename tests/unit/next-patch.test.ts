// scripts/patch-next.mjs, parts 2 and 3: the page runtimes search their HTML chunks with
// Node's native Buffer#indexOf, which finds what Next's own byte-by-byte search finds, and
// React's writers in them encode into 16 KB views.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const PAGE_RUNTIMES = [
  'app-page',
  'app-page-experimental',
  'app-page-turbo',
  'app-page-turbo-experimental',
];
const runtime = (name: string) =>
  readFileSync(require.resolve(`next/dist/compiled/next-server/${name}.runtime.prod.js`), 'utf8');
// Next's own search, as its source has it (the file the patch leaves alone).
const { indexOfUint8Array } = require('next/dist/server/stream-utils/uint8array-helpers.js') as {
  indexOfUint8Array: (a: Uint8Array, b: Uint8Array) => number;
};

describe('the native byte search in Next.js page runtimes', () => {
  const patched =
    /function (\w+)\((\w+),(\w+)\)\{return Buffer\.prototype\.indexOf\.call\(\2,\3\)\}/;

  it('is in every page runtime, and the loop it replaced is not', () => {
    for (const name of PAGE_RUNTIMES) {
      const source = runtime(name);
      expect(source).toMatch(patched);
      expect(source).not.toMatch(/if\(0===\w+\.length\|\|\w+\.length>\w+\.length\)return -1;for/);
    }
  });

  it('finds what the original finds, in chunks and views of any shape', () => {
    const [, name, a, b] = patched.exec(runtime('app-page'))!;
    // The patched function as the runtime holds it, on its own.
    const search = new Function(
      `function ${name}(${a},${b}){return Buffer.prototype.indexOf.call(${a},${b})} return ${name};`,
    )() as typeof indexOfUint8Array;
    const bytes = (max: number) =>
      fc.array(fc.integer({ min: 60, max: 63 }), { maxLength: max }).map((x) => new Uint8Array(x));
    fc.assert(
      fc.property(bytes(64), bytes(4), fc.nat(8), (haystack, needle, offset) => {
        // A view into a larger buffer, as stream chunks often are.
        const start = Math.min(offset, haystack.length);
        const view = haystack.subarray(start);
        expect(search(view, needle)).toBe(indexOfUint8Array(view, needle));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("React's view size in Next.js page runtimes", () => {
  it('is 16 KB at every use, in both writers of every page runtime', () => {
    for (const name of PAGE_RUNTIMES) {
      const source = runtime(name);
      // The HTML writer and the Server Components writer each encode a string on its own
      // above a third of their view size.
      expect(source.match(/16384<3\*/g)).toHaveLength(2);
      expect(source).not.toContain('new Uint8Array(2048)');
      // What is left of 2048 is the image sizes' list, nothing of the writers.
      expect(source.match(/2048/g)).toHaveLength(1);
      expect(source).toMatch(/deviceSizes:\[[\d,]*2048[\d,]*\]/);
    }
  });
});
