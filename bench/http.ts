// The dashboard and the API over HTTP at N members, against the framework's own floor:
// `DATABASE_URL=postgres://… npm run bench [-- --members 1000000 --duration 5]`.
//
// 1. Seeds a database of its own (dropped afterwards) with the demo organisation, N
//    members across the default and two custom roles, 10,000 pending invitations and
//    200,000 audit events.
// 2. Starts the production build (scripts/server.mjs, as `npm start`) on it, signs in
//    as the admin over HTTP and takes a bintu token and the API key from the API.
// 3. Drives every shape with autocannon at 1 and at 16 connections, with the sign-in
//    page and a route handler that only answers (/api/health) as baselines from the
//    same run, and samples the server's memory (its whole process tree).
// 4. Prints the table and writes it, with the budgets, to bench/README.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { encodeCursor } from '../lib/services/keyset';
import { bintuToken, signIn } from '../tests/system/support/http';
import { startServer, stopAllServers, ROOT, SECRETS } from '../tests/system/support/server';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    port: { type: 'string', default: '3490' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
    // Rewrites bench/README.md from bench/results without measuring anything.
    'readme-only': { type: 'boolean', default: false },
  },
});
if (values['readme-only']) {
  writeReadme();
  process.exit(0);
}
const MEMBERS = Number(values.members);
const DURATION = Number(values.duration);
const PORT = Number(values.port);
const SERVER_URL = process.env.DATABASE_URL;
if (!SERVER_URL?.startsWith('postgres')) {
  console.error('npm run bench needs PostgreSQL: set DATABASE_URL=postgres://…');
  process.exit(2);
}
if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
  console.error('No production build in .next: run `npm run build` first.');
  process.exit(2);
}
const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// ---------------------------------------------------------------------------------
// The database

const dbName = `bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const dbUrl = Object.assign(new URL(SERVER_URL), { pathname: `/${dbName}` }).toString();
const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });

async function cleanUp() {
  await stopAllServers();
  await sql.end({ timeout: 5 });
  if (!values['keep-database'])
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  else log(`kept database ${dbName}`);
  await admin.end({ timeout: 5 });
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

const env = {
  RATE_LIMITS: 'api=100000000/60,signIn=1000/60,signInClient=1000/60,tokenCreate=1000/60',
};

try {
  // The server migrates and seeds the demo organisation on its first start.
  let server = await startServer({ port: PORT, databaseUrl: dbUrl, env });
  await server.stop();
  const [org] = await sql<{ id: string }[]>`
    select id from organisations order by created_at limit 1`;
  const orgId = org!.id;
  await sql`
    insert into roles (organisation_id, name, description, permissions, audiences)
    values
      (${orgId}, 'Broadcast Crew', 'Runs streams', '{streams:read,streams:create,streams:update,tags:read}', '{dashboard,api}'),
      (${orgId}, 'Compliance Reader', 'Reads the log', '{users:read,audit:read}', '{dashboard}')`;
  const roleIds = (
    await sql<
      { id: string }[]
    >`select id from roles where organisation_id = ${orgId} order by created_at, id`
  ).map((r) => r.id);

  let t = Date.now();
  const chunk = 100_000;
  for (let start = 0; start < MEMBERS; start += chunk) {
    const size = Math.min(chunk, MEMBERS - start);
    await sql.begin(async (tx) => {
      await tx`
        with new_accounts as (
          insert into accounts (email)
          select 'member-' || (${start}::int + g) || '@bulk.example'
          from generate_series(1, ${size}::int) as g
          returning id, email
        )
        insert into memberships (organisation_id, account_id, role_id, email, token_key, created_at)
        select ${orgId}::uuid, id,
          (${roleIds}::uuid[])[1 + (substring(email from '[0-9]+')::int % ${roleIds.length})],
          email, 'tk_' || substr(md5(email), 1, 8),
          now() - make_interval(secs => substring(email from '[0-9]+')::int * 30)
        from new_accounts`;
    });
  }
  log(`${MEMBERS.toLocaleString('en')} members in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  t = Date.now();
  await sql`
    insert into invitations (organisation_id, role_id, token_hash, email, inviter_email, created_at, expires_at)
    select ${orgId}, (${roleIds}::uuid[])[1 + g % ${roleIds.length}], md5('bench-' || g) || md5(g::text),
      'invitee-' || g || '@pending.example', 'admin@example.com',
      now() - make_interval(secs => g * 10), now() + interval '7 days'
    from generate_series(1, 10000) as g`;
  const actions = [
    'member.role_changed',
    'member.token_reset',
    'member.deleted',
    'invitation.created',
    'role.updated',
  ];
  await sql`
    insert into audit_events (organisation_id, created_at, actor_type, actor_label, action, target_type, target_id, target_label, before, after, ip)
    select ${orgId}, now() - make_interval(secs => g * 5), 'user',
      'member-' || (g % 500) || '@bulk.example', (${actions}::text[])[1 + g % ${actions.length}],
      'member', gen_random_uuid()::text, 'member-' || g || '@bulk.example',
      jsonb_build_object('role', 'Read Only'), jsonb_build_object('role', 'User'), '10.0.0.1'
    from generate_series(1, 200000) as g`;
  log(`10,000 invitations and 200,000 audit events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  // Vacuumed and analysed now, so autovacuum does not wake up mid-measurement.
  await sql`vacuum analyze`;

  // ---------------------------------------------------------------------------------
  // The server, and its callers

  server = await startServer({ port: PORT, databaseUrl: dbUrl, env });
  const base = server.base;
  const cookie = await signIn(base, SECRETS.adminEmail, SECRETS.adminPassword);
  const bearer = {
    authorization: `Bearer ${await bintuToken(base, SECRETS.adminEmail, SECRETS.adminPassword)}`,
  };
  const keyReply = await fetch(`${base}/api/v1/organisation/api-key`, { headers: bearer });
  const apiKey = { 'x-api-key': ((await keyReply.json()) as { apiKey: string }).apiKey };
  const page = { cookie };

  const [middle] = await sql<{ id: string; email: string }[]>`
    select id, email from memberships where organisation_id = ${orgId}
    order by created_at desc, id desc offset ${Math.floor(MEMBERS / 2)} limit 1`;
  const readOnly = roleIds[2]!;
  const deep = await deepPageUrl(orgId, Math.floor(MEMBERS / 2));
  const last = '/organisation/users?sort=email&last=1';

  const shapes = (
    [
      { group: 'baseline', label: 'sign-in page (no data)', path: '/sign-in', headers: {} },
      {
        group: 'baseline',
        label: 'route handler that only answers',
        path: '/api/health',
        headers: {},
      },
      { group: 'page', label: 'user list, first page', path: '/organisation/users', headers: page },
      {
        group: 'page',
        label: 'filter by role',
        path: `/organisation/users?role=${readOnly}`,
        headers: page,
      },
      {
        group: 'page',
        label: 'search matching a few',
        // Three named members: a person's name, as an admin types it.
        path: `/organisation/users?q=operator`,
        headers: page,
      },
      {
        group: 'page',
        label: 'search matching all',
        path: `/organisation/users?q=bulk.example`,
        headers: page,
      },
      {
        group: 'page',
        label: 'sort by email',
        path: `/organisation/users?sort=email`,
        headers: page,
      },
      {
        group: 'page',
        label: 'sort by role',
        path: `/organisation/users?sort=role`,
        headers: page,
      },
      {
        group: 'page',
        label: `deep page (member ${Math.floor(MEMBERS / 2).toLocaleString('en')})`,
        path: deep,
        headers: page,
      },
      { group: 'page', label: 'last page by email', path: last, headers: page },
      { group: 'page', label: '100 per page', path: `/organisation/users?size=100`, headers: page },
      {
        group: 'page',
        label: 'single user view',
        path: `/organisation/users/${middle!.id}`,
        headers: page,
      },
      { group: 'page', label: 'audit log, first page', path: '/organisation/audit', headers: page },
      {
        group: 'page',
        label: 'audit log, filtered by action',
        path: '/organisation/audit?action=member.token_reset',
        headers: page,
      },
      { group: 'api', label: 'GET /api/v1/me, bintu token', path: '/api/v1/me', headers: bearer },
      { group: 'api', label: 'GET /api/v1/me, API key', path: '/api/v1/me', headers: apiKey },
      {
        group: 'api',
        label: 'GET /api/v1/users, bintu token',
        path: '/api/v1/users',
        headers: bearer,
      },
      { group: 'api', label: 'GET /api/v1/users, API key', path: '/api/v1/users', headers: apiKey },
    ] satisfies Shape[]
  ).filter((s) => !values.only || s.group === 'baseline' || s.label.includes(values.only));

  // Every shape answers 200 before anything is timed (a redirect would time the sign-in).
  for (const shape of shapes) {
    const res = await fetch(base + shape.path, { headers: shape.headers, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${shape.label}: ${res.status} for ${shape.path}`);
  }

  const memory = sampleMemory(server.pid);
  const results: Result[] = [];
  const [signInPage, bareHandler] = shapes as [Shape, Shape];
  for (const shape of shapes) {
    await run(base, shape, 1, 1); // warm-up
    const floorShape = shape.group === 'api' ? bareHandler : signInPage;
    // At 1 connection the shape and its floor take turns on the same connection, so both
    // medians come from the same seconds: the machine's speed drifts (the sign-in page's
    // median alone moved between 4.4 and 9.9 ms across one run measured back to back),
    // and turns cancel that drift where back-to-back runs carry it into the ratio.
    const paired = shape.group === 'baseline' ? null : await runInTurns(base, shape, floorShape);
    const one = paired?.shape ?? (await run(base, shape, 1, DURATION));
    const many = await run(base, shape, 16, DURATION);
    // At 16 connections each saturates the server on its own, so the floor is measured
    // again right after the shape, for the same reason.
    const floor =
      shape.group === 'baseline'
        ? { one, many }
        : { one: paired!.floor, many: await run(base, floorShape, 16, DURATION) };
    results.push({ ...shape, one, many, floor });
    log(
      `${shape.label.padEnd(40)} median ${one.p50} ms, p99 ${one.p99} ms | ${many.rps} req/s at 16 (p99 ${many.p99} ms) | floor ${floor.one.p50} ms, ${floor.many.rps} req/s`,
    );
  }
  // The bulk path: every member suspended, then reactivated, through
  // POST /api/v1/users/bulk as a client does it (the answer's `next` until null).
  const bulk: BulkRun[] = [];
  for (const action of ['suspend', 'reactivate'] as const) {
    const started = performance.now();
    let after: string | null = null;
    let calls = 0;
    let members = 0;
    let slowest = 0;
    do {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/users/bulk`, {
        method: 'POST',
        headers: { ...apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          action,
          filter: { q: '@bulk.example' },
          ...(after ? { after } : {}),
        }),
      });
      if (res.status !== 200) throw new Error(`bulk ${action}: ${res.status} ${await res.text()}`);
      const answer = (await res.json()) as {
        succeeded: number;
        refused: number;
        next: string | null;
      };
      slowest = Math.max(slowest, performance.now() - t0);
      members += answer.succeeded + answer.refused;
      calls++;
      after = answer.next;
    } while (after);
    const ms = Math.round(performance.now() - started);
    bulk.push({ action, members, calls, ms, slowestCallMs: Math.round(slowest) });
    log(
      `bulk ${action}: ${members.toLocaleString('en')} members in ${ms} ms (${calls} calls, slowest ${Math.round(slowest)} ms)`,
    );
  }
  const peakMb = memory.stop();

  const report = `${render(results, peakMb)}\n\n${renderBulk(bulk)}`;
  console.log(`\n${report}`);
  // --no-write (a partial or trial run) leaves the recorded results alone.
  if (!values['no-write']) {
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      path.join(ROOT, `bench/results/http-${MEMBERS}.json`),
      `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), members: MEMBERS, duration: DURATION, peakMb, firstLoadJs: firstLoadJs(), results, bulk }, null, 2)}\n`,
    );
    writeReadme();
  }
  log('done');
} finally {
  await cleanUp();
}

// ---------------------------------------------------------------------------------

interface Shape {
  group: 'baseline' | 'page' | 'api';
  label: string;
  path: string;
  headers: Record<string, string>;
}
interface Run {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}
interface Result extends Shape {
  one: Run;
  many: Run;
  /** The shape's floor (sign-in page or bare handler), measured right after it. */
  floor: { one: Run; many: Run };
}

async function run(
  base: string,
  shape: Shape,
  connections: number,
  duration: number,
): Promise<Run> {
  // autocannon's own percentiles are whole milliseconds (its histogram keeps integers):
  // against a floor of 4 to 6 ms that alone moves a ratio by up to 25 %. Each response's
  // time, which it measures with hrtime, gives them to the tenth of a millisecond.
  const times: number[] = [];
  const out = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base + shape.path, headers: shape.headers, connections, duration },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const errors = out.errors + out.timeouts + out.non2xx;
  if (errors)
    throw new Error(`${shape.label}: ${errors} failed requests at ${connections} connections`);
  return { ...summarise(times, out), rps: Math.round(out.requests.average) };
}

/**
 * `shape` and `floor` in turns on one connection for DURATION seconds: autocannon sends a
 * connection's requests in the order given, one at a time, so responses alternate and
 * each is counted to the request it answers (checked by their sizes, which differ).
 */
async function runInTurns(
  base: string,
  shape: Shape,
  floor: Shape,
): Promise<{ shape: Run; floor: Run }> {
  const times: [number[], number[]] = [[], []];
  const bytes: [number[], number[]] = [[], []];
  let turn = 0;
  const out = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: 1,
        duration: DURATION,
        requests: [
          { method: 'GET', path: shape.path, headers: shape.headers },
          { method: 'GET', path: floor.path, headers: floor.headers },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, _status, size, responseTime) => {
      times[turn]!.push(responseTime);
      bytes[turn]!.push(size);
      turn = 1 - turn;
    });
  });
  const errors = out.errors + out.timeouts + out.non2xx;
  if (errors) throw new Error(`${shape.label}: ${errors} failed requests in turns with its floor`);
  const [ownBytes, floorBytes] = bytes.map((b) => new Set(b));
  if ([...ownBytes!].some((b) => floorBytes!.has(b)))
    throw new Error(`${shape.label}: its answers and its floor's cannot be told apart by size`);
  return { shape: summarise(times[0]!, out), floor: summarise(times[1]!, out) };
}

/** Median and p99 of response times to the tenth of a millisecond; req/s as measured. */
function summarise(times: number[], out: autocannon.Result): Run {
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), rps: Math.round(times.length / out.duration), errors: 0 };
}

/**
 * The user list's link to the page after the member at `position`, newest first: the
 * cursor its Next link would carry after walking that far (lib/services/keyset.ts).
 */
async function deepPageUrl(orgId: string, position: number): Promise<string> {
  const [row] = await sql<{ id: string; key: string }[]>`
    select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key
    from memberships where organisation_id = ${orgId}
    order by created_at desc, id desc offset ${position - 1} limit 1`;
  return `/organisation/users?after=${encodeCursor(['created', 'desc', row!.key, row!.id])}&from=${position + 1}`;
}

/** Samples the resident memory of `pid` and its descendants; stop() gives the peak in MB. */
function sampleMemory(pid: number) {
  let peak = 0;
  const tree = (root: number): number[] => {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        // the process ended while we looked
      }
    }
    const out = [root];
    for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
    return out;
  };
  const rssKb = (p: number) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  const timer = setInterval(() => {
    peak = Math.max(
      peak,
      tree(pid).reduce((sum, p) => sum + rssKb(p), 0),
    );
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peak / 1024);
    },
  };
}

/** First Load JS of /organisation/users, gzipped, in kB: from the build's own manifests. */
function firstLoadJs(): number | null {
  try {
    const out = execFileSync(
      process.execPath,
      ['scripts/first-load-js.mjs', '/organisation/users'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    return Number(out.trim());
  } catch {
    return null;
  }
}

interface BulkRun {
  action: 'suspend' | 'reactivate';
  members: number;
  calls: number;
  ms: number;
  slowestCallMs: number;
}

function renderBulk(bulk: BulkRun[] | undefined): string {
  if (!bulk?.length) return '';
  return [
    'Bulk actions over HTTP (`POST /api/v1/users/bulk` with the API key, every member matching `@bulk.example`, 5,000 per call, 500 per transaction):',
    '',
    '| action | members | calls | total s | members/s | slowest call ms |',
    '|---|---|---|---|---|---|',
    ...bulk.map(
      (b) =>
        `| ${b.action} | ${b.members.toLocaleString('en')} | ${b.calls} | ${(b.ms / 1000).toFixed(1)} | ${Math.round(b.members / (b.ms / 1000)).toLocaleString('en')} | ${b.slowestCallMs} |`,
    ),
  ].join('\n');
}

/** A shape's median over its floor's, and its req/s over its floor's. */
function ratios(r: Result) {
  return { median: r.one.p50 / r.floor.one.p50, rps: r.many.rps / r.floor.many.rps };
}

function render(results: Result[], peakMb: number): string {
  const rows = results.map((r) => {
    const { median, rps } = ratios(r);
    return `| ${r.label} | ${r.one.p50} | ${r.one.p99} | ${median.toFixed(2)} | ${r.many.rps} | ${r.many.p99} | ${rps.toFixed(2)} |`;
  });
  const range = (group: Shape['group'], pick: (r: Result) => number) => {
    const values = results.filter((r) => r.group === group).map(pick);
    return values.length ? `${Math.min(...values)}–${Math.max(...values)}` : '–';
  };
  return [
    `| shape | median ms, 1 conn | p99 ms, 1 conn | median ÷ floor | req/s, 16 conn | p99 ms, 16 conn | req/s ÷ floor |`,
    `|---|---|---|---|---|---|---|`,
    ...rows,
    '',
    `Floor: the sign-in page for pages, the bare route handler for the API; at 1 connection in turns with the shape, at 16 measured again right after it (sign-in page over the run: median ${range('page', (r) => r.floor.one.p50)} ms, ${range('page', (r) => r.floor.many.rps)} req/s; bare handler: ${range('api', (r) => r.floor.many.rps)} req/s). Peak server memory (process tree): ${peakMb} MB.`,
  ].join('\n');
}

/** Rewrites the HTTP section of bench/README.md from every results file present. */
function writeReadme() {
  const dir = path.join(ROOT, 'bench/results');
  const runs = readdirSync(dir)
    .filter((f) => /^http-\d+\.json$/.test(f))
    .map(
      (f) =>
        JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
          date: string;
          members: number;
          duration: number;
          peakMb: number;
          firstLoadJs: number | null;
          results: Result[];
          bulk?: BulkRun[];
        },
    )
    .sort((a, b) => a.members - b.members);
  const sections = runs.map(
    (r) =>
      `### ${r.members.toLocaleString('en')} members (${r.date}, ${r.duration} s per run)\n\n${render(r.results, r.peakMb)}${r.firstLoadJs ? ` First Load JS of /organisation/users: ${r.firstLoadJs} kB gzipped.` : ''}${r.bulk ? `\n\n${renderBulk(r.bulk)}` : ''}`,
  );
  const small = runs.find((r) => r.members === 100_000);
  const big = runs.find((r) => r.members === 1_000_000);
  if (small && big) {
    // Two runs of a shared machine differ in speed as a whole: each shape is compared both
    // as measured and by its ratio to its own floor, which cancels that drift (and adds
    // the floors' own noise: a median of 4 ms against one of 5 ms is 25 %).
    const lines = small.results.map((s) => {
      const b = big.results.find((x) => x.label.split(' (')[0] === s.label.split(' (')[0]);
      if (!b || s.group === 'baseline') return null;
      const [at100k, at1m] = [ratios(s), ratios(b)];
      return `| ${s.label.split(' (')[0]} | ${(b.one.p50 / s.one.p50).toFixed(2)} | ${(s.many.rps / b.many.rps).toFixed(2)} | ${(at1m.median / at100k.median).toFixed(2)} | ${(at100k.rps / at1m.rps).toFixed(2)} |`;
    });
    sections.push(
      `### 1,000,000 against 100,000 members\n\nEach figure at 1,000,000 members over the same at 100,000 (budget: at most 1.25), as measured and relative to its floor.\n\n| shape | median, 1M over 100k | req/s, 100k over 1M | median ÷ floor, 1M over 100k | req/s ÷ floor, 100k over 1M |\n|---|---|---|---|---|\n${lines.filter(Boolean).join('\n')}`,
    );
  }
  const readme = path.join(ROOT, 'bench/README.md');
  const text = readFileSync(readme, 'utf8');
  const begin = '<!-- bench:http -->';
  const end = '<!-- /bench:http -->';
  const body = `${begin}\n${sections.join('\n\n')}\n${end}`;
  const at = text.indexOf(begin);
  const next =
    at >= 0
      ? text.slice(0, at) + body + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n${body}\n`;
  writeFileSync(readme, next);
  // In the repository's format, as `npm run format:check` wants it.
  execFileSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--write', readme], {
    cwd: ROOT,
  });
}
