import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeTemplate } from '@/db/template';
import { TEMPLATE_FILE } from './paths';

// On the embedded database, build one migrated template per run (or reuse a fresh one
// that is newer than every migration); each test file then loads it instead of initdb.
export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const migrations = path.resolve('db/migrations/meta/_journal.json');
  const upToDate =
    existsSync(TEMPLATE_FILE) && statSync(TEMPLATE_FILE).mtimeMs > statSync(migrations).mtimeMs;
  if (!upToDate) await writeTemplate(TEMPLATE_FILE);
}
