import { dbHandle } from './client';
import { runMigrations } from './migrate';

const handle = dbHandle();
await runMigrations(handle);
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
