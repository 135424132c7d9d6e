import { dbHandle } from '@/db/client';
import { latestMigration, migrationsCurrent, runMigrations } from '@/db/migrate';
import { findDemoOrganisation, seedIfEmpty } from './seed';
import { env } from '@/lib/env';
import { log, printForPerson } from '@/lib/log';
import { authSecret } from '@/lib/secret';

/**
 * Migrates, then seeds an empty database and prints the demo sign-in. Runs at start.
 * Seeding is off by default in production on PostgreSQL (docs/deploy.md, "What production
 * means here").
 */
export async function bootstrap(): Promise<void> {
  const started = Date.now();
  // A missing AUTH_SECRET (production on PostgreSQL) fails the start, not the first sign-in.
  authSecret();
  const handle = dbHandle();
  const database = handle.kind === 'pglite' ? `embedded (${env().DATA_DIR})` : 'postgres';
  if (env().MIGRATE_ON_START) {
    await runMigrations(handle);
    log.info('database migrated', { database, ms: Date.now() - started });
  } else if (!(await migrationsCurrent(handle))) {
    // A deploy step migrates (docs/deploy.md); until it has, /api/health/ready says so.
    log.warn('database lacks migrations: run `npm run db:migrate` (MIGRATE_ON_START=false)', {
      database,
      missing: latestMigration().tag,
    });
    return;
  }
  if (!env().SEED_ON_START) return;
  // Under the migrations' lock: instances starting together on an empty database would
  // otherwise each find it empty, and all but one die on the admin's unique email.
  const outcome = await handle.exclusive(() => seedIfEmpty(handle.db));
  if (outcome.seeded) {
    log.info('demo organisation seeded', { adminEmail: outcome.adminEmail });
    // For the person who started it: the sign-in, outside the JSON log.
    printForPerson([
      '',
      '  Demo organisation created. Sign in with:',
      `    email:    ${outcome.adminEmail}`,
      `    password: ${outcome.generatedPassword ?? '(the SEED_ADMIN_PASSWORD you set)'}`,
      '',
    ]);
  } else if (await findDemoOrganisation(handle.db)) {
    log.info('demo sign-in: the password was printed on the first start', {
      adminEmail: outcome.adminEmail,
    });
  }
}
