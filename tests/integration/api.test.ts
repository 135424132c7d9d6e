import { describe, expect, it, beforeAll, afterEach } from 'vitest';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as tokenRoute from '@/app/api/v1/auth/token/route';
import * as invitationsRoute from '@/app/api/v1/invitations/route';
import * as meRoute from '@/app/api/v1/me/route';
import * as apiKeyRoute from '@/app/api/v1/organisation/api-key/route';
import * as rotateRoute from '@/app/api/v1/organisation/api-key/rotate/route';
import * as playbackRoute from '@/app/api/v1/playback-tokens/route';
import * as verifyRoute from '@/app/api/v1/playback-tokens/verify/route';
import * as rolesRoute from '@/app/api/v1/roles/route';
import * as streamRoute from '@/app/api/v1/streams/[id]/route';
import * as lockRoute from '@/app/api/v1/streams/[id]/lock/route';
import * as stopRoute from '@/app/api/v1/streams/[id]/stop/route';
import * as streamTagsRoute from '@/app/api/v1/streams/[id]/tags/route';
import * as unlockRoute from '@/app/api/v1/streams/[id]/unlock/route';
import * as streamsRoute from '@/app/api/v1/streams/route';
import * as tagRoute from '@/app/api/v1/tags/[id]/route';
import * as tagsRoute from '@/app/api/v1/tags/route';
import * as resetRoute from '@/app/api/v1/users/[id]/reset-token/route';
import * as userRoute from '@/app/api/v1/users/[id]/route';
import * as usersRoute from '@/app/api/v1/users/route';
import { shiftClock } from '@/lib/clock';
import { API_KEY_PATTERN, BINTU_TOKEN_PATTERN, BINTU_TOKEN_PREFIX } from '@/lib/credentials';
import type { Actor } from '@/lib/services/actor';
import { createRole, updateRole } from '@/lib/services/roles';
import { createStream } from '@/lib/services/streams';
import { createTag } from '@/lib/services/tags';
import { issueBintuToken } from '@/lib/services/tokens';
import { withTestDatabase } from './support/db';
import { call } from './support/api';
import { PASSWORD, actorFor, addMember, createOrganisation, roleId } from './support/fixtures';

withTestDatabase();
afterEach(() => shiftClock(0));

async function tokenOf(actor: Actor): Promise<string> {
  const r = await issueBintuToken(actor);
  if (!r.ok) throw new Error(r.error);
  return r.token;
}

type RoleKey = 'admin' | 'user' | 'readonly';
let org: { admin: Actor; tokens: Record<RoleKey, string> };

beforeAll(async () => {
  const admin = await createOrganisation('API org');
  const user = await addMember(admin.organisationId, 'user');
  const readonly = await addMember(admin.organisationId, 'readonly');
  org = {
    admin,
    tokens: {
      admin: await tokenOf(admin),
      user: await tokenOf(user),
      readonly: await tokenOf(readonly),
    },
  };
});

async function newStream(name = `s-${Math.random().toString(36).slice(2, 8)}`) {
  const r = await createStream(org.admin, { name });
  if (!r.ok) throw new Error(r.error);
  return r.stream.id;
}
async function newTag() {
  const r = await createTag(org.admin, { name: `t-${Math.random().toString(36).slice(2, 8)}` });
  if (!r.ok) throw new Error(r.error);
  return r.tag;
}
async function newMember() {
  return (await addMember(org.admin.organisationId, 'readonly')).membershipId!;
}

// Each endpoint with what docs/product.md#permission-catalog gives each role. Mutations get a fresh
// target per call; forbidden calls change nothing, so the allowed one runs last.
type Case = {
  name: string;
  expect: Record<RoleKey, number>;
  run: (token: string) => Promise<{ status: number }>;
};
const CASES: Case[] = [
  {
    name: 'GET /me',
    expect: { admin: 200, user: 200, readonly: 200 },
    run: (token) => call(meRoute.GET, { token }),
  },
  {
    name: 'GET /users',
    expect: { admin: 200, user: 200, readonly: 403 },
    run: (token) => call(usersRoute.GET, { token }),
  },
  {
    name: 'GET /users/{id}',
    expect: { admin: 200, user: 200, readonly: 403 },
    run: async (token) => call(userRoute.GET, { token, params: { id: org.admin.membershipId! } }),
  },
  {
    name: 'PATCH /users/{id}',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: async (token) =>
      call(userRoute.PATCH, {
        method: 'PATCH',
        token,
        params: { id: await newMember() },
        body: { roleId: await roleId(org.admin.organisationId, 'user') },
      }),
  },
  {
    name: 'POST /users/{id}/reset-token',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: async (token) =>
      call(resetRoute.POST, { method: 'POST', token, params: { id: await newMember() } }),
  },
  {
    name: 'DELETE /users/{id}',
    expect: { admin: 204, user: 403, readonly: 403 },
    run: async (token) =>
      call(userRoute.DELETE, { method: 'DELETE', token, params: { id: await newMember() } }),
  },
  {
    name: 'GET /invitations',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: (token) => call(invitationsRoute.GET, { token }),
  },
  {
    name: 'POST /invitations',
    expect: { admin: 201, user: 403, readonly: 403 },
    run: async (token) =>
      call(invitationsRoute.POST, {
        method: 'POST',
        token,
        body: { roleId: await roleId(org.admin.organisationId, 'readonly') },
      }),
  },
  {
    name: 'GET /roles',
    expect: { admin: 200, user: 200, readonly: 200 },
    run: (token) => call(rolesRoute.GET, { token }),
  },
  {
    name: 'GET /streams',
    expect: { admin: 200, user: 200, readonly: 200 },
    run: (token) => call(streamsRoute.GET, { token }),
  },
  {
    name: 'POST /streams',
    expect: { admin: 201, user: 201, readonly: 403 },
    run: (token) =>
      call(streamsRoute.POST, { method: 'POST', token, body: { name: 'From the API' } }),
  },
  {
    name: 'GET /streams/{id}',
    expect: { admin: 200, user: 200, readonly: 200 },
    run: async (token) => call(streamRoute.GET, { token, params: { id: await newStream() } }),
  },
  {
    name: 'POST /streams/{id}/stop',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: async (token) =>
      call(stopRoute.POST, { method: 'POST', token, params: { id: await newStream() } }),
  },
  {
    name: 'POST /streams/{id}/lock',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: async (token) =>
      call(lockRoute.POST, { method: 'POST', token, params: { id: await newStream() } }),
  },
  {
    name: 'POST /streams/{id}/unlock',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: async (token) => {
      const id = await newStream();
      await call(lockRoute.POST, { method: 'POST', token: org.tokens.admin, params: { id } });
      return call(unlockRoute.POST, { method: 'POST', token, params: { id } });
    },
  },
  {
    name: 'DELETE /streams/{id}',
    expect: { admin: 204, user: 403, readonly: 403 },
    run: async (token) =>
      call(streamRoute.DELETE, { method: 'DELETE', token, params: { id: await newStream() } }),
  },
  {
    name: 'PUT /streams/{id}/tags',
    expect: { admin: 200, user: 200, readonly: 403 },
    run: async (token) =>
      call(streamTagsRoute.PUT, {
        method: 'PUT',
        token,
        params: { id: await newStream() },
        body: { tags: [(await newTag()).name] },
      }),
  },
  {
    name: 'GET /tags',
    expect: { admin: 200, user: 200, readonly: 200 },
    run: (token) => call(tagsRoute.GET, { token }),
  },
  {
    name: 'POST /tags',
    expect: { admin: 201, user: 201, readonly: 403 },
    run: (token) =>
      call(tagsRoute.POST, {
        method: 'POST',
        token,
        body: { name: `api-${Math.random().toString(36).slice(2, 8)}` },
      }),
  },
  {
    name: 'PATCH /tags/{id}',
    expect: { admin: 200, user: 200, readonly: 403 },
    run: async (token) =>
      call(tagRoute.PATCH, {
        method: 'PATCH',
        token,
        params: { id: (await newTag()).id },
        body: { name: `renamed-${Math.random().toString(36).slice(2, 8)}` },
      }),
  },
  {
    name: 'DELETE /tags/{id}',
    expect: { admin: 204, user: 403, readonly: 403 },
    run: async (token) =>
      call(tagRoute.DELETE, { method: 'DELETE', token, params: { id: (await newTag()).id } }),
  },
  {
    name: 'POST /playback-tokens',
    expect: { admin: 201, user: 201, readonly: 403 },
    run: (token) => call(playbackRoute.POST, { method: 'POST', token, body: { orgwide: true } }),
  },
  {
    name: 'GET /audit',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: (token) => call(auditRoute.GET, { token }),
  },
  {
    name: 'GET /organisation/api-key',
    expect: { admin: 200, user: 403, readonly: 403 },
    run: (token) => call(apiKeyRoute.GET, { token }),
  },
];

describe('every endpoint gives each default role exactly what docs/product.md allows', () => {
  it.each(CASES)('$name', async (c) => {
    const got: Partial<Record<RoleKey, number>> = {};
    for (const role of ['readonly', 'user', 'admin'] as const)
      got[role] = (await c.run(org.tokens[role])).status;
    expect(got).toEqual(c.expect);
  });
});

describe('bintu tokens', () => {
  it('stop working on the very next request after a reset, a role change and a removal; playback tokens stay valid', async () => {
    const member = await addMember(org.admin.organisationId, 'user');
    const admin = org.tokens.admin;
    const id = member.membershipId!;
    const me = (token: string) => call(meRoute.GET, { token });

    let token = await tokenOf(member);
    expect((await me(token)).status).toBe(200);
    const playback = await call(playbackRoute.POST, {
      method: 'POST',
      token,
      body: { orgwide: true, expiresIn: 3600 },
    });
    expect(playback.status).toBe(201);

    expect(
      (await call(resetRoute.POST, { method: 'POST', token: admin, params: { id } })).status,
    ).toBe(200);
    expect((await me(token)).status).toBe(401);

    token = await tokenOf(await actorFor(member.accountId!, org.admin.organisationId));
    expect((await me(token)).status).toBe(200);
    const readonlyRole = await roleId(org.admin.organisationId, 'readonly');
    expect(
      (
        await call(userRoute.PATCH, {
          method: 'PATCH',
          token: admin,
          params: { id },
          body: { roleId: readonlyRole },
        })
      ).status,
    ).toBe(200);
    expect((await me(token)).status).toBe(401);

    token = await tokenOf(await actorFor(member.accountId!, org.admin.organisationId));
    expect((await me(token)).status).toBe(200);
    expect(
      (await call(userRoute.DELETE, { method: 'DELETE', token: admin, params: { id } })).status,
    ).toBe(204);
    expect((await me(token)).status).toBe(401);

    const verified = await call(verifyRoute.POST, {
      method: 'POST',
      body: { token: playback.body.token },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.claims).toMatchObject({
      org: org.admin.organisationId,
      sub: member.accountId,
      target: { orgwide: true },
    });
  });

  it('expire after 24 hours', async () => {
    const token = await tokenOf(org.admin);
    shiftClock(23 * 3600 * 1000);
    expect((await call(meRoute.GET, { token })).status).toBe(200);
    shiftClock(24 * 3600 * 1000 + 1000);
    expect((await call(meRoute.GET, { token })).status).toBe(401);
  });

  it('come from POST /auth/token with email and password', async () => {
    const ok = await call(tokenRoute.POST, {
      method: 'POST',
      body: { email: org.admin.label, password: PASSWORD },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.token).toMatch(BINTU_TOKEN_PATTERN);
    expect((await call(meRoute.GET, { token: ok.body.token })).body.organisation.id).toBe(
      org.admin.organisationId,
    );
    expect(
      (
        await call(tokenRoute.POST, {
          method: 'POST',
          body: { email: org.admin.label, password: 'wrong password' },
        })
      ).status,
    ).toBe(401);
    expect((await call(tokenRoute.POST, { method: 'POST', body: { email: 'x' } })).status).toBe(
      422,
    );
  });

  it('are refused to roles without the api audience', async () => {
    const r = await createRole(org.admin, {
      name: 'Dashboard only',
      permissions: ['streams:read', 'token:read'],
      audiences: ['dashboard'],
    });
    if (!r.ok) throw new Error(r.error);
    const member = await addMember(org.admin.organisationId, { id: r.roleId });
    // Not issued from the Account page either, as POST /auth/token refuses it.
    expect(await issueBintuToken(member)).toMatchObject({ ok: false, code: 'forbidden' });
    // A token issued while the role still had the API is refused once it has not.
    const withApi = await createRole(org.admin, {
      name: 'Dashboard and API',
      permissions: ['streams:read', 'token:read'],
      audiences: ['dashboard', 'api'],
    });
    if (!withApi.ok) throw new Error(withApi.error);
    const later = await addMember(org.admin.organisationId, { id: withApi.roleId });
    const token = await tokenOf(later);
    expect((await call(meRoute.GET, { token })).status).toBe(200);
    const edited = await updateRole(org.admin, {
      roleId: withApi.roleId,
      name: 'Dashboard and API',
      permissions: ['streams:read', 'token:read'],
      audiences: ['dashboard'],
    });
    if (!edited.ok) throw new Error(edited.error);
    expect((await call(meRoute.GET, { token })).status).toBe(403);
  });
});

describe('the API key', () => {
  it('acts as Admin, is shown to apikey:read, and stops working once rotated', async () => {
    const shown = await call(apiKeyRoute.GET, { token: org.tokens.admin });
    const apiKey = shown.body.apiKey as string;
    expect(apiKey).toMatch(API_KEY_PATTERN);
    expect((await call(usersRoute.GET, { apiKey })).status).toBe(200);
    expect((await call(meRoute.GET, { apiKey })).body).toMatchObject({
      kind: 'api_key',
      role: { name: 'Admin' },
    });

    const rotated = await call(rotateRoute.POST, { method: 'POST', apiKey });
    expect(rotated.status).toBe(201);
    expect((await call(usersRoute.GET, { apiKey })).status).toBe(401);
    expect((await call(usersRoute.GET, { apiKey: rotated.body.apiKey })).status).toBe(200);
  });
});

describe('errors', () => {
  it('are JSON with the right status, never a 500 from input', async () => {
    const token = org.tokens.admin;
    expect(await call(meRoute.GET, {})).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    });
    expect((await call(meRoute.GET, { token: `${BINTU_TOKEN_PREFIX}nonsense` })).status).toBe(401);
    expect(
      await call(streamsRoute.POST, { method: 'POST', token, rawBody: '{not json' }),
    ).toMatchObject({ status: 422, body: { error: { code: 'invalid' } } });
    expect(
      (await call(streamsRoute.POST, { method: 'POST', token, body: { name: '' } })).status,
    ).toBe(422);
    expect((await call(userRoute.GET, { token, params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect(
      (
        await call(streamRoute.GET, {
          token,
          params: { id: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(playbackRoute.POST, { method: 'POST', token, body: { tag: 'x', orgwide: true } }))
        .status,
    ).toBe(422);
    expect(
      (
        await call(playbackRoute.POST, {
          method: 'POST',
          token,
          body: { orgwide: true, expiresIn: 366 * 24 * 3600 },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call(verifyRoute.POST, {
          method: 'POST',
          body: { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
        })
      ).status,
    ).toBe(401);
    // No token at all is a malformed request, not a token that failed.
    expect(await call(verifyRoute.POST, { method: 'POST', body: {} })).toMatchObject({
      status: 422,
      body: { error: { code: 'invalid', fields: { token: expect.any(String) } } },
    });
  });

  it('replacing a stream’s tags needs the new set: a body without `tags` changes nothing', async () => {
    const token = org.tokens.admin;
    const tag = await newTag();
    const id = await newStream();
    const put = (body: unknown) =>
      call(streamTagsRoute.PUT, { method: 'PUT', token, params: { id }, body });
    expect((await put({ tags: [tag.name] })).status).toBe(200);
    for (const body of [{}, { tags: null }, { name: tag.name }]) {
      expect(await put(body)).toMatchObject({
        status: 422,
        body: { error: { code: 'invalid', fields: { tags: expect.any(String) } } },
      });
    }
    expect((await call(streamRoute.GET, { token, params: { id } })).body).toMatchObject({
      tags: [tag.name],
    });
    // An empty set is a set: it removes every tag.
    expect(await put({ tags: [] })).toMatchObject({ status: 200, body: { tags: [] } });
  });

  it('GET /streams pages by `size`, as every list does (`limit` is still read)', async () => {
    const token = org.tokens.admin;
    await newStream();
    await newStream();
    for (const query of ['size=1', 'limit=1']) {
      const res = await call(streamsRoute.GET, { token, path: `/api/v1/streams?${query}` });
      expect(res.status, query).toBe(200);
      expect((res.body as { data: unknown[] }).data, query).toHaveLength(1);
      expect((res.body as { next: string | null }).next, query).toEqual(expect.any(String));
    }
    expect((await call(streamsRoute.GET, { token, path: '/api/v1/streams?size=0' })).status).toBe(
      422,
    );
  });

  it('never reach into another organisation', async () => {
    const other = await createOrganisation('Other API org');
    const theirs = await createStream(other, { name: 'Theirs' });
    if (!theirs.ok) throw new Error(theirs.error);
    const token = org.tokens.admin;
    expect((await call(streamRoute.GET, { token, params: { id: theirs.stream.id } })).status).toBe(
      404,
    );
    expect(
      (await call(stopRoute.POST, { method: 'POST', token, params: { id: theirs.stream.id } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(userRoute.DELETE, {
          method: 'DELETE',
          token,
          params: { id: other.membershipId! },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(playbackRoute.POST, {
          method: 'POST',
          token,
          body: { streams: [theirs.stream.id] },
        })
      ).status,
    ).toBe(404);
  });
});

describe('playback tokens', () => {
  it('carry their target and expiry, and are refused after exp or before nbf', async () => {
    const streamId = await newStream();
    const made = await call(playbackRoute.POST, {
      method: 'POST',
      token: org.tokens.user,
      body: { streams: [streamId], expiresIn: 120 },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      target: { streams: [streamId] },
      org: org.admin.organisationId,
    });
    expect(made.body.exp - made.body.iat).toBe(120);
    expect(
      (await call(verifyRoute.POST, { method: 'POST', body: { token: made.body.token } })).status,
    ).toBe(200);
    shiftClock(121_000);
    expect(
      (await call(verifyRoute.POST, { method: 'POST', body: { token: made.body.token } })).status,
    ).toBe(401);
    shiftClock(0);

    const tag = await newTag();
    const byTag = await call(playbackRoute.POST, {
      method: 'POST',
      token: org.tokens.user,
      body: { tag: tag.name },
    });
    expect(byTag.body.exp - byTag.body.iat).toBe(14 * 24 * 3600);
    const future = Math.floor(Date.now() / 1000) + 3600;
    const later = await call(playbackRoute.POST, {
      method: 'POST',
      token: org.tokens.admin,
      body: { orgwide: true, notBefore: future },
    });
    expect(
      (await call(verifyRoute.POST, { method: 'POST', body: { token: later.body.token } })).status,
    ).toBe(401);
  });
});
