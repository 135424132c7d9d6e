import { parseArgs } from 'node:util';
import { dbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { addMembers, findDemoOrganisation, seedIfEmpty } from './seed';

const { values } = parseArgs({ options: { members: { type: 'string' } } });
const handle = dbHandle();
await runMigrations(handle);
const outcome = await seedIfEmpty(handle.db);
if (outcome.seeded) {
  console.log(`Seeded the demo organisation. Admin: ${outcome.adminEmail}`);
  if (outcome.generatedPassword) console.log(`Password: ${outcome.generatedPassword}`);
}
if (values.members) {
  const n = Number(values.members);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    console.error('--members takes a whole number from 1 to 1,000,000');
    process.exit(2);
  }
  const org = await findDemoOrganisation(handle.db);
  if (!org) throw new Error('No demo organisation found');
  const t = Date.now();
  await addMembers(handle.db, org.id, n);
  console.log(`Added ${n} members to ${org.name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
await handle.close();
