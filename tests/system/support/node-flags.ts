import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Node's flags for the production server, as `npm start` (package.json) gives them: the
 * heap's sizes (docs/performance.md, "Memory"), with `${VAR:-default}` at its default.
 * Tests and the benchmark start the server with these, so what they measure is what
 * `npm start` runs.
 */
export function serverNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const command = /^node ((?:--\S+ )*)scripts\/server\.mjs$/.exec(pkg.scripts.start);
  if (!command) throw new Error(`package.json: unexpected start script ${pkg.scripts.start}`);
  return command[1]!
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((flag) => flag.replace(/\$\{\w+:-([^}]*)\}/g, '$1'));
}
