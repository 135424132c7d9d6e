import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { dbHandle } from '@/db/client';
import { migrationsCurrent } from '@/db/migrate';
import { organisations } from '@/db/schema';
import { env } from '@/lib/env';
import { signUp } from '@/lib/services/accounts';

// `npm run create-admin`: the first admin of a deploy (docs/deploy.md, "The first admin").
// Creates an account, its address taken as proven, and a new organisation with it as
// Admin, whatever SIGN_UP says and without mail. From the environment: ADMIN_EMAIL,
// ADMIN_PASSWORD (unset: one is generated and printed here, once), ADMIN_ORGANISATION.

async function main(): Promise<number> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_ORGANISATION, DATABASE_URL, AUTH_SECRET } = env();
  if (!ADMIN_EMAIL) {
    console.error('Set ADMIN_EMAIL (and ADMIN_PASSWORD, or one is generated).');
    return 2;
  }
  // The organisation's API key is encrypted under AUTH_SECRET: the server's own, or the
  // servers could never read it.
  if (DATABASE_URL && !AUTH_SECRET) {
    console.error('Set AUTH_SECRET to the value the servers use.');
    return 2;
  }
  const handle = dbHandle();
  try {
    if (!(await migrationsCurrent(handle))) {
      console.error('The database lacks migrations: run `npm run db:migrate` first.');
      return 1;
    }
    const password = ADMIN_PASSWORD || randomBytes(18).toString('base64url');
    const result = await signUp({
      email: ADMIN_EMAIL,
      password,
      organisationName: ADMIN_ORGANISATION || undefined,
    });
    if (!result.ok) {
      const fields = Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `  ${k}: ${v}`);
      console.error([result.error, ...fields].join('\n'));
      return 1;
    }
    const [org] = await handle.db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, result.organisationId!));
    console.log(`Created ${ADMIN_EMAIL.trim().toLowerCase()}, Admin of "${org?.name}".`);
    // The operator's terminal, not a server log.
    if (!ADMIN_PASSWORD) console.log(`Password: ${password}`);
    return 0;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
