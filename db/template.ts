import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openPglite } from './client';
import { runMigrations } from './migrate';

// A fresh PGlite runs initdb (4 to 6 s on these machines). A data folder dumped once after
// migrating loads in under 2 s: `npm run build` writes one into .next so the first start
// on a fresh data folder stays within its budget, and the tests reuse the same idea.
export async function writeTemplate(file: string): Promise<void> {
  const handle = openPglite();
  try {
    await runMigrations(handle);
    const blob = await handle.dump!();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
  } finally {
    await handle.close();
  }
}
