import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Node's flags for the production server, as `npm start` (package.json) gives them: the
 * heap's size (docs/performance.md, "Memory"). Tests and the benchmark start the server
 * with these, so what they measure is what `npm start` runs.
 */
export function serverNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const heap = /--max-old-space-size=\$\{SERVER_HEAP_MB:-(\d+)\}/.exec(pkg.scripts.start);
  if (!heap) throw new Error('package.json: `npm start` no longer sets the heap size');
  return [`--max-old-space-size=${heap[1]}`];
}
