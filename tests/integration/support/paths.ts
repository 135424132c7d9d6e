import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The migrated embedded-database template, one per set of migrations and outside the
 * checkout: checkouts that share node_modules (git worktrees) with other migrations
 * never load each other's.
 */
function migrationsDigest(): string {
  const dir = path.resolve('db/migrations');
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.sql')),
    'meta/_journal.json',
  ].sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

export const TEMPLATE_FILE = path.join(
  tmpdir(),
  `test-pglite-template-${migrationsDigest()}.tar.gz`,
);
