import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { resolveMemberActor, type Actor } from '@/lib/services/actor';
import { createStream } from '@/lib/services/streams';
import { createTag } from '@/lib/services/tags';
import { getApiKey } from '@/lib/services/api-key';
import { issueBintuToken } from '@/lib/services/tokens';
import { FUZZ_RUNS, fuzzTimeout } from '../support/fuzz';
import { keysOf, validationSchemas } from '../support/validation-schemas';
import { call } from './support/api';
import { withTestDatabase } from './support/db';
import {
  TABLE_NAMES,
  controlCharactersStored,
  installWriteLog,
  lastWrite,
  rowCounts,
  writesSince,
  type Write,
} from './support/write-log';
import { PASSWORD, addMember, createOrganisation } from './support/fixtures';
import { discoverRoutes, requests, type FuzzRequest, type Pools } from './support/fuzz-requests';

// Every handler under app/api/v1 (found by reading the folder), called with hostile
// bodies, query strings, path params and headers by each kind of caller. Properties: never
// a 5xx; every non-2xx body is { error: { code, message } }; a 4xx, and any GET, writes
// nothing in any table of db/schema (rate-limit buckets and activity stamps aside:
// triggers log every row written, and row counts cross-check the log); no call writes a row of another
// organisation; in the end, no row holds a control character.

// The fuzzer sends far more requests than the limits allow a real client.
vi.stubEnv(
  'RATE_LIMITS',
  ['api', 'tokenCreate', 'signIn', 'signInAccount', 'signInClient']
    .map((name) => `${name}=1000000/60`)
    .join(','),
);

withTestDatabase();

const routes = await discoverRoutes();
const bodyKeys = [
  ...new Set((await validationSchemas()).flatMap(({ schema }) => keysOf(schema).keys)),
];

/**
 * The one write a refusal may make: a wrong password for an existing account is recorded
 * in the audit log of each of its organisations (auth.sign_in_failed), by design.
 */
const failedSignIns = (writes: Write[]) =>
  writes.length > 0 &&
  writes.every(
    (w) => w.table === 'audit_events' && w.op === 'INSERT' && w.action === 'auth.sign_in_failed',
  );

const CALLERS = ['none', 'admin', 'readonly', 'apiKey', 'forged'] as const;
type Caller = (typeof CALLERS)[number];

let orgId = '';
let admin: Actor;
let readonly: Actor;
let credentials: { admin: string; readonly: string; apiKey: string };
let foreignIds: string[] = [];
let otherOrgId = '';
/** The last write of the log seen so far. */
let seen = 0;

async function ensureMember(current: Actor, key: 'admin' | 'readonly'): Promise<Actor> {
  const actor = await resolveMemberActor({ accountId: current.accountId!, organisationId: orgId });
  return actor?.role.key === key ? actor : addMember(orgId, key);
}

async function tokenOf(actor: Actor): Promise<string> {
  const issued = await issueBintuToken(actor);
  if (!issued.ok) throw new Error(issued.error);
  return issued.token;
}

/** Valid credentials again after a call that may have reset, demoted or removed a caller. */
async function refreshCallers() {
  admin = await ensureMember(admin, 'admin');
  readonly = await ensureMember(readonly, 'readonly');
  credentials = {
    admin: await tokenOf(admin),
    readonly: await tokenOf(readonly),
    apiKey: await getApiKey(admin),
  };
  seen = await lastWrite();
}

/** The ids of an organisation's rows, as a path or a body could name them. */
async function idsOf(organisationId: string): Promise<string[]> {
  const result = await getDb().execute<{ id: string }>(sql`
    select id::text from memberships where organisation_id = ${organisationId}
    union all select id::text from roles where organisation_id = ${organisationId}
    union all select id::text from streams where organisation_id = ${organisationId}
    union all select id::text from tags where organisation_id = ${organisationId}
    union all select id::text from invitations where organisation_id = ${organisationId}
    union all select ${organisationId}`);
  const rows = Array.isArray(result) ? result : (result as { rows: { id: string }[] }).rows;
  return rows.map((r) => r.id);
}

async function seed(actor: Actor) {
  for (const name of ['Morning show', 'Evening news']) {
    const r = await createStream(actor, { name, tags: [] });
    if (!r.ok) throw new Error(r.error);
  }
  for (const name of ['news', 'sport']) {
    const r = await createTag(actor, { name });
    if (!r.ok) throw new Error(r.error);
  }
}

beforeAll(async () => {
  admin = await createOrganisation('Fuzzed org');
  orgId = admin.organisationId;
  readonly = await addMember(orgId, 'readonly');
  await addMember(orgId, 'user');
  await seed(admin);
  const other = await createOrganisation('Other org');
  await seed(other);
  otherOrgId = other.organisationId;
  foreignIds = await idsOf(otherOrgId);
  await installWriteLog({ skip: ['rate_limit_buckets'] });
  await refreshCallers();
});

function headersFor(caller: Caller, [bearer, forged]: FuzzRequest['forged']) {
  switch (caller) {
    case 'none':
      return {};
    case 'admin':
      return { token: credentials.admin };
    case 'readonly':
      return { token: credentials.readonly };
    case 'apiKey':
      return { apiKey: credentials.apiKey };
    case 'forged':
      return bearer ? { token: forged } : { apiKey: forged || 'x' };
  }
}

const stats = { requests: 0, statuses: {} as Record<number, number>, started: performance.now() };

afterAll(() => {
  vi.unstubAllEnvs();
  const seconds = ((performance.now() - stats.started) / 1000).toFixed(1);
  console.info(
    `fuzz-api: ${routes.length} routes×methods × ${CALLERS.length} callers × ${FUZZ_RUNS} runs: ` +
      `${stats.requests} requests in ${seconds} s (setup included), statuses ${JSON.stringify(stats.statuses)}`,
  );
});

describe('fuzzing every handler of app/api/v1', () => {
  it('finds the handlers by reading the folder, and the tables of db/schema', () => {
    expect(routes.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/users',
        'PATCH /api/v1/tags/[id]',
        'POST /api/v1/auth/token',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(28);
    expect(TABLE_NAMES).toEqual(expect.arrayContaining(['audit_events', 'memberships']));
  });

  describe.each(routes.map((r) => [r.name, r] as const))('%s', (_, route) => {
    it.each(CALLERS)(
      'as %s',
      async (caller) => {
        const countsBefore = await rowCounts();
        const logStart = await lastWrite();
        const pools: Pools = {
          ids: await idsOf(orgId),
          foreignIds,
          plausible: [admin.label, PASSWORD, 'news', 'sport', 'Morning show'],
          bodyKeys,
        };
        await fc.assert(
          fc.asyncProperty(requests(route, pools), async (request) => {
            const { params, query, body } = request;
            const res = await call(route.handler, {
              method: route.method,
              path: query ? `${route.url}?${query}` : route.url,
              params,
              headers: request.headers,
              ...headersFor(caller, request.forged),
              ...(body === undefined
                ? {}
                : 'raw' in body
                  ? { rawBody: body.raw }
                  : { body: body.json }),
            });
            const writes = await writesSince(seen);
            seen = writes.at(-1)?.id ?? seen;
            stats.requests++;
            stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;

            const answer = `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
            expect(res.status, answer).toBeLessThan(500);
            if (res.status >= 300) {
              expect(res.body, answer).toEqual({
                error: expect.objectContaining({
                  code: expect.stringMatching(/^[a-z_]+$/),
                  message: expect.stringMatching(/\S/),
                }),
              });
            }
            const written = writes.map((w) => `${w.op} ${w.table} ${w.action ?? ''}`.trim());
            if (res.status >= 400 || route.method === 'GET') {
              const allowed =
                res.status === 401 &&
                route.name === 'POST /api/v1/auth/token' &&
                failedSignIns(writes);
              if (!allowed) expect(written, answer).toEqual([]);
            }
            // Whatever the answer, another organisation's rows stay as they were.
            expect(
              writes.filter((w) => w.org === otherOrgId).map((w) => `${w.op} ${w.table}`),
              answer,
            ).toEqual([]);
            if (res.status < 300 && route.method !== 'GET') await refreshCallers();
          }),
          { numRuns: FUZZ_RUNS },
        );
        // The log saw every insert and delete: row counts moved by as much.
        const countsAfter = await rowCounts();
        const logged = await writesSince(logStart);
        for (const table of TABLE_NAMES.filter((t) => t !== 'rate_limit_buckets')) {
          const net = logged
            .filter((w) => w.table === table)
            .reduce((n, w) => n + (w.op === 'INSERT' ? 1 : w.op === 'DELETE' ? -1 : 0), 0);
          expect(countsAfter[table]! - countsBefore[table]!, table).toBe(net);
        }
      },
      fuzzTimeout(500),
    );
  });
});

describe('after the fuzzing', () => {
  it('no row of any table holds a control character', async () => {
    const found = await controlCharactersStored();
    expect(found).toEqual([]);
  });
});
