import { beforeAll, describe, expect, it } from 'vitest';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as tokenRoute from '@/app/api/v1/auth/token/route';
import * as playbackRoute from '@/app/api/v1/playback-tokens/route';
import * as streamTagsRoute from '@/app/api/v1/streams/[id]/tags/route';
import * as streamsRoute from '@/app/api/v1/streams/route';
import * as tagRoute from '@/app/api/v1/tags/[id]/route';
import * as tagsRoute from '@/app/api/v1/tags/route';
import * as usersRoute from '@/app/api/v1/users/route';
import { getDb } from '@/db/client';
import { organisations } from '@/db/schema';
import { signUp } from '@/lib/services/accounts';
import type { Actor } from '@/lib/services/actor';
import { listAuditEvents, streamAuditCsv } from '@/lib/services/audit';
import { listMembers } from '@/lib/services/members';
import { createWebhookEndpoint } from '@/lib/services/webhooks';
import { createRole, updateRole } from '@/lib/services/roles';
import { createStream } from '@/lib/services/streams';
import { createTag } from '@/lib/services/tags';
import { issueBintuToken } from '@/lib/services/tokens';
import { call } from './support/api';
import { withTestDatabase } from './support/db';
import { PASSWORD, createOrganisation, uniqueEmail } from './support/fixtures';

// Before text went through lib/validation/text.ts, each of these reached PostgreSQL with
// U+0000 (error 22021) and answered 500; on PGlite some passed silently.

withTestDatabase();

const NUL = '\u0000';
const CONTROL_MESSAGE = /control character \(U\+[0-9A-F]{4}\)/;

let admin: Actor;
let token: string;
let streamId: string;
let tagId: string;

beforeAll(async () => {
  admin = await createOrganisation('Text input org');
  const issued = await issueBintuToken(admin);
  if (!issued.ok) throw new Error(issued.error);
  token = issued.token;
  const stream = await createStream(admin, { name: 'Morning show' });
  const tag = await createTag(admin, { name: 'news' });
  if (!stream.ok || !tag.ok) throw new Error('fixtures');
  streamId = stream.stream.id;
  tagId = tag.tag.id;
});

/** A 422 in the API's error shape, naming `field` with the control-character message. */
function expectRefused(res: { status: number; body: unknown }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body).toEqual({
    error: {
      code: 'invalid',
      message: expect.any(String),
      fields: expect.objectContaining({ [field]: expect.stringMatching(CONTROL_MESSAGE) }),
    },
  });
}

describe('query parameters with a control character answer 422', () => {
  it.each([
    ['GET /users?q=%00', usersRoute.GET, '/api/v1/users?q=%00', 'q'],
    ['GET /users?q=ana%00&sort=email', usersRoute.GET, '/api/v1/users?q=ana%00&sort=email', 'q'],
    ['GET /audit?actor=%00', auditRoute.GET, '/api/v1/audit?actor=%00', 'actor'],
    ['GET /audit?targetId=%00', auditRoute.GET, '/api/v1/audit?targetId=%00', 'targetId'],
    ['GET /audit?action=%1B', auditRoute.GET, '/api/v1/audit?action=%1B', 'action'],
    ['GET /streams?tag=%00', streamsRoute.GET, '/api/v1/streams?tag=%00', 'tag'],
    ['GET /streams?cursor=%C2%85', streamsRoute.GET, '/api/v1/streams?cursor=%C2%85', 'cursor'],
  ])('%s', async (_, handler, path, field) => {
    expectRefused(await call(handler, { token, path }), field);
  });

  it('still answers 401 to a caller without credentials', async () => {
    expect((await call(usersRoute.GET, { path: '/api/v1/users?q=%00' })).status).toBe(401);
  });
});

describe('names with U+0000 answer 422', () => {
  it.each([
    ['POST /streams', () => call(streamsRoute.POST, post({ name: `Live${NUL}` })), 'name'],
    [
      'POST /streams with tags',
      () => call(streamsRoute.POST, post({ name: 'Live', tags: [`news${NUL}`] })),
      'tags',
    ],
    ['POST /tags', () => call(tagsRoute.POST, post({ name: `sport${NUL}` })), 'name'],
    [
      'PATCH /tags/{id}',
      () =>
        call(tagRoute.PATCH, {
          ...post({ name: `${NUL}` }),
          method: 'PATCH',
          params: { id: tagId },
        }),
      'name',
    ],
    [
      'PUT /streams/{id}/tags',
      () =>
        call(streamTagsRoute.PUT, {
          ...post({ tags: [`news${NUL}`] }),
          method: 'PUT',
          params: { id: streamId },
        }),
      'tags',
    ],
    ['POST /playback-tokens', () => call(playbackRoute.POST, post({ tag: `news${NUL}` })), 'tag'],
  ])('%s', async (_, run, field) => {
    expectRefused(await run(), field);
  });

  it('POST /auth/token with U+0000 in the organisation', async () => {
    const res = await call(tokenRoute.POST, {
      method: 'POST',
      body: { email: admin.label, password: PASSWORD, organisation: `x${NUL}` },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields._).toMatch(CONTROL_MESSAGE);
  });
});

function post(body: unknown) {
  return { method: 'POST', token, body };
}

describe('names the dashboard sends, through the services', () => {
  it('a role name or description with U+0000 is refused, and no role is written', async () => {
    for (const input of [{ name: `Ops${NUL}` }, { name: 'Ops', description: `a${NUL}` }]) {
      const result = await createRole(admin, { ...input, permissions: ['streams:read'] });
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(Object.values(result.fieldErrors ?? {})[0]).toMatch(CONTROL_MESSAGE);
    }
    const created = await createRole(admin, { name: 'Ops', permissions: ['streams:read'] });
    if (!created.ok) throw new Error(created.error);
    const renamed = await updateRole(admin, { roleId: created.roleId, name: `Ops${NUL}2` });
    expect(renamed).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('an organisation name with U+0000 is refused at sign-up, and no account is made', async () => {
    const before = await getDb().$count(organisations);
    const email = uniqueEmail('nul');
    const result = await signUp({ email, password: PASSWORD, organisationName: `Acme${NUL}` });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok) expect(result.fieldErrors?.organisationName).toMatch(CONTROL_MESSAGE);
    expect(await getDb().$count(organisations)).toBe(before);
  });

  it('a webhook URL or description with U+0000 is refused', async () => {
    for (const [input, field] of [
      [{ url: `https://hooks.example/a${NUL}` }, 'url'],
      [{ url: 'https://hooks.example/a', description: `a${NUL}` }, 'description'],
    ] as const) {
      const result = await createWebhookEndpoint(admin, {
        eventTypes: ['member.joined'],
        ...input,
      });
      expect(result).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(result.fieldErrors?.[field]).toMatch(CONTROL_MESSAGE);
    }
  });
});

describe('the pages drop a filter with a control character instead of failing', () => {
  it('the user list ignores ?q=%00', async () => {
    const page = await listMembers(admin, { q: NUL });
    expect(page.query.q).toBeUndefined();
    expect(page.total).toBeGreaterThan(0);
  });

  it('the audit log ignores ?actor=%00 and ?targetId=%00', async () => {
    const page = await listAuditEvents(admin, { actor: NUL, targetId: `x${NUL}` });
    expect(page.query).toMatchObject({ actor: undefined, targetId: undefined });
    expect(page.rows.length).toBeGreaterThan(0);
  });

  it('the CSV export streams to its end with ?actor=%00&targetId=%00', async () => {
    const csv = await new Response(
      streamAuditCsv(admin, { actor: NUL, targetId: NUL }, { batchSize: 2 }),
    ).text();
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
  });
});
