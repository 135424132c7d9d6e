// The user list at 100,000 members: `npm run bench` (PostgreSQL from DATABASE_URL, in a
// database of its own that is dropped afterwards; without DATABASE_URL, embedded PGlite).
// Prints p50/p95 per query shape. Numbers in bench/README.md.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPglite, openPostgres, setDbHandle, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { addMembers, findDemoOrganisation, seedIfEmpty } from '@/db/seed';
import { resolveMemberActor } from '@/lib/services/actor';
import { listMembers } from '@/lib/services/members';
import { listRoles } from '@/lib/services/roles';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
  },
});
const members = Number(values.members);
const runs = Number(values.runs);
const url = process.env.DATABASE_URL;

let handle: DbHandle;
let drop = async () => {};
if (url) {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  handle = openPostgres(Object.assign(new URL(url), { pathname: `/${name}` }).toString());
  drop = async () => {
    await handle.close();
    await admin.unsafe(`drop database ${name} with (force)`);
    await admin.end();
  };
} else {
  handle = openPglite();
  drop = () => handle.close();
}
setDbHandle(handle);
await runMigrations(handle);
const seed = await seedIfEmpty(handle.db);
const org = (await findDemoOrganisation(handle.db))!;
let t = performance.now();
await addMembers(handle.db, org.id, members);
console.log(
  `${handle.kind}: seeded ${members.toLocaleString('en')} members in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
if (handle.kind === 'postgres') await handle.db.execute(sql`analyze`);

const [adminRow] = await handle.db.query.accounts.findMany({
  where: (a, { eq }) => eq(a.email, seed.adminEmail),
});
const actor = (await resolveMemberActor({ accountId: adminRow!.id, organisationId: org.id }))!;
const roles = await listRoles(actor);
const readonly = roles.find((r) => r.key === 'readonly')!.id;

const shapes: [string, Record<string, string>][] = [
  ['first page, newest first (25)', {}],
  ['page 2,000 of 4,000 (offset 49,975)', { page: '2000' }],
  [
    'last page by email (100 per page)',
    { sort: 'email', size: '100', page: String(Math.ceil((members + 11) / 100)) },
  ],
  ['filter by role', { role: readonly }],
  ['search "ember-" (matches all)', { q: 'ember-' }],
  ['search one address', { q: `-${Math.floor(members / 2)}@bulk` }],
  ['sort by role (Permission Level)', { sort: 'role' }],
  ['role counts for the filter', { counts: '1' }],
];

const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
console.log(`| query | p50 ms | p95 ms |\n|---|---|---|`);
for (const [label, q] of shapes) {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    t = performance.now();
    if (q.counts) await listRoles(actor);
    else await listMembers(actor, q);
    if (i >= 3) times.push(performance.now() - t);
  }
  console.log(`| ${label} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} |`);
}
await drop();
