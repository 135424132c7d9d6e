import { dbHandle } from '@/db/client';
import { latestMigration, migrationsCurrent, runMigrations } from '@/db/migrate';
import { findDemoOrganisation, seedIfEmpty } from './seed';
import { env } from '@/lib/env';

/** Migrates, then seeds an empty database and prints the demo sign-in. Runs at start. */
export async function bootstrap(): Promise<void> {
  const started = Date.now();
  const handle = dbHandle();
  const where = handle.kind === 'pglite' ? `embedded database in ${env().DATA_DIR}` : 'PostgreSQL';
  if (env().MIGRATE_ON_START) {
    await runMigrations(handle);
    console.log(`[db] migrated ${where} in ${Date.now() - started} ms`);
  } else if (!(await migrationsCurrent(handle))) {
    // A deploy step migrates (docs/deploy.md); until it has, /api/health/ready says so.
    console.warn(
      `[db] ${where} lacks migration ${latestMigration().tag}: run \`npm run db:migrate\` (MIGRATE_ON_START=false)`,
    );
    return;
  }
  if (!env().SEED_ON_START) return;
  // Under the migrations' lock: instances starting together on an empty database would
  // otherwise each find it empty, and all but one die on the admin's unique email.
  const outcome = await handle.exclusive(() => seedIfEmpty(handle.db));
  if (outcome.seeded) {
    console.log(
      [
        '',
        '  Demo organisation created. Sign in with:',
        `    email:    ${outcome.adminEmail}`,
        `    password: ${outcome.generatedPassword ?? '(the SEED_ADMIN_PASSWORD you set)'}`,
        '',
      ].join('\n'),
    );
  } else if (await findDemoOrganisation(handle.db)) {
    console.log(`[db] demo sign-in: ${outcome.adminEmail} (password printed on the first start)`);
  }
}
