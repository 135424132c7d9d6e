import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { resolveMemberActor, type Actor } from '@/lib/services/actor';
import { createStream } from '@/lib/services/streams';
import { createTag } from '@/lib/services/tags';
import { getApiKey, issueBintuToken } from '@/lib/services/tokens';
import { FUZZ_RUNS } from '../support/fuzz';
import { keysOf, validationSchemas } from '../support/validation-schemas';
import { call } from './support/api';
import { withTestDatabase } from './support/db';
import {
  changed,
  describeChanges,
  fingerprint,
  fingerprintQuery,
  TABLE_NAMES,
  type Fingerprint,
} from './support/fingerprint';
import { PASSWORD, addMember, createOrganisation } from './support/fixtures';
import { discoverRoutes, requests, type FuzzRequest, type Pools } from './support/fuzz-requests';

// Every handler under app/api/v1 (found by reading the folder), called with hostile
// bodies, query strings and path params by each kind of caller. Properties: never a 5xx;
// every non-2xx body is { error: { code, message } }; a 4xx, and any GET, writes nothing
// in any table of db/schema (rate-limit buckets aside); no call changes a row of another
// organisation.

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
async function onlyFailedSignIns(before: Fingerprint, after: Fingerprint): Promise<boolean> {
  if (changed(before, after).some((t) => !t.startsWith('audit_events'))) return false;
  const added = after.audit_events!.rows - before.audit_events!.rows;
  if (added <= 0) return false;
  const result = await getDb().execute<{ action: string }>(
    sql`select action from audit_events order by id desc limit ${added}`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { action: string }[] }).rows;
  return rows.every((r) => r.action === 'auth.sign_in_failed');
}

const CALLERS = ['none', 'admin', 'readonly', 'apiKey', 'forged'] as const;
type Caller = (typeof CALLERS)[number];

let orgId = '';
let admin: Actor;
let readonly: Actor;
let credentials: { admin: string; readonly: string; apiKey: string };
let foreignIds: string[] = [];
let fingerprintSql: ReturnType<typeof fingerprintQuery>;
let otherOrgKey: (key: string) => boolean;

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
  foreignIds = await idsOf(other.organisationId);
  fingerprintSql = fingerprintQuery({
    skip: ['rate_limit_buckets'],
    organisationId: other.organisationId,
  });
  otherOrgKey = (key) => key.endsWith(` of ${other.organisationId}`);
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
    it.each(CALLERS)('as %s', async (caller) => {
      const pools: Pools = {
        ids: await idsOf(orgId),
        foreignIds,
        plausible: [admin.label, PASSWORD, 'news', 'sport', 'Morning show'],
        bodyKeys,
      };
      await fc.assert(
        fc.asyncProperty(requests(route, pools), async (request) => {
          const { params, query, body } = request;
          const before = await fingerprint(fingerprintSql);
          const res = await call(route.handler, {
            method: route.method,
            path: query ? `${route.url}?${query}` : route.url,
            params,
            ...headersFor(caller, request.forged),
            ...(body === undefined
              ? {}
              : 'raw' in body
                ? { rawBody: body.raw }
                : { body: body.json }),
          });
          const after = await fingerprint(fingerprintSql);
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
          const writes = describeChanges(before, after);
          if (res.status >= 400 || route.method === 'GET') {
            const allowed =
              res.status === 401 &&
              route.name === 'POST /api/v1/auth/token' &&
              (await onlyFailedSignIns(before, after));
            if (!allowed) expect(writes, answer).toEqual([]);
          }
          // Whatever the answer, another organisation's rows stay as they were.
          expect(
            writes.filter((w) => otherOrgKey(w.split(':')[0]!)),
            answer,
          ).toEqual([]);
          if (res.status < 300 && route.method !== 'GET') await refreshCallers();
        }),
        { numRuns: FUZZ_RUNS },
      );
    });
  });
});
