import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { API_GATES } from '@/lib/rbac';
import { createDatabase, SERVER_URL, type TestDatabase } from './support/database';
import { bintuToken, request, type Reply } from './support/http';
import { SECRETS, startServer, stopAllServers } from './support/server';

// The contract: every operation of /api/v1, allowed and refused, called over HTTP against
// the production build, and each answer held to /api/v1/openapi.json: its status is one
// the operation documents, its body matches the documented schema with no field the
// document leaves out, and its Retry-After, WWW-Authenticate and x-request-id headers
// are documented; each request body the server took is one the document admits. The
// document itself must pass an OpenAPI 3.1 validator.

type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};
type Operation = {
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, Response | { $ref: string }>;
};
type Response = {
  content?: Record<string, { schema: unknown }>;
  headers?: Record<string, unknown>;
};
type Caller = 'admin' | 'readonly' | 'apiKey' | 'anonymous';
type Call = {
  /** `METHOD /api/v1/path` as in lib/rbac/gates.ts. */
  op: keyof typeof API_GATES;
  as: Caller;
  /** Path parameters, in order. */
  ids?: string[];
  query?: string;
  body?: unknown;
  rawBody?: string;
  status: number;
};

const CHECKED_HEADERS = ['retry-after', 'www-authenticate', 'x-request-id'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Every object schema with properties admits those only: undocumented fields fail. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = closed(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function resolve<T>(doc: Doc, node: T | { $ref: string }): T {
  if (node && typeof node === 'object' && '$ref' in node) {
    const [, , section, name] = node.$ref.split('/');
    return doc.components[section!]![name!] as T;
  }
  return node as T;
}

describe.skipIf(!SERVER_URL)(
  'the API answers as its OpenAPI document says (needs DATABASE_URL)',
  () => {
    let db: TestDatabase | undefined;
    afterAll(async () => {
      await stopAllServers();
      await db?.drop();
    });

    it('the document is valid OpenAPI 3.1, and every operation keeps to it, allowed and refused', async () => {
      db = await createDatabase();
      const server = await startServer({
        port: 3415,
        databaseUrl: db.url,
        env: { RATE_LIMITS: 'signIn=6/60,signInClient=100/60,api=100000/60' },
      });
      const base = server.base;

      const docReply = await request(`${base}/api/v1/openapi.json`);
      expect(docReply.status).toBe(200);
      const doc = JSON.parse(docReply.body) as Doc;
      const validity = await new Validator().validate(doc as never);
      expect(validity.errors ?? [], 'OpenAPI 3.1 validator').toEqual([]);
      expect(validity.valid).toBe(true);

      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema({ $id: 'https://contract.test/doc', components: closed(doc.components) });
      const schemaOf = (schema: unknown) =>
        JSON.parse(
          JSON.stringify(closed(schema)).replaceAll(
            '"#/components/',
            '"https://contract.test/doc#/components/',
          ),
        );

      // Callers: the demo organisation's Admin and ReadOnly member, the API key, nobody.
      const tokens = {
        admin: await bintuToken(base, SECRETS.adminEmail, SECRETS.adminPassword),
        readonly: await bintuToken(base, 'dora.viewer@example.com', SECRETS.memberPassword),
      };
      let apiKey = '';
      const headersOf = (as: Caller): Record<string, string> => ({
        'content-type': 'application/json',
        ...(as === 'admin' || as === 'readonly' ? { authorization: `Bearer ${tokens[as]}` } : {}),
        ...(as === 'apiKey' ? { 'x-api-key': apiKey } : {}),
      });
      const send = async (c: Call): Promise<Reply> => {
        const [method, pattern] = c.op.split(' ') as [string, string];
        let i = 0;
        const path = pattern.replace(/\{id\}/g, () => c.ids?.[i++] ?? UNKNOWN_ID);
        return request(`${base}${path}${c.query ? `?${c.query}` : ''}`, {
          method,
          headers: headersOf(c.as),
          body: c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body)),
        });
      };
      const data = <T>(reply: Reply) => JSON.parse(reply.body) as T;

      const problems: string[] = [];
      const seen = new Set<string>();
      async function check(c: Call): Promise<Reply> {
        const reply = await send(c);
        seen.add(c.op);
        const label = `${c.as} ${c.op}${c.query ? `?${c.query}` : ''} → ${reply.status}`;
        if (reply.status !== c.status) problems.push(`${label}: expected ${c.status}`);
        const [method, pattern] = c.op.split(' ') as [string, string];
        const operation = doc.paths[pattern.replace('/api/v1', '')]?.[method.toLowerCase()];
        if (!operation) {
          problems.push(`${label}: not in the document`);
          return reply;
        }
        // A body the server took is one the document admits, field for field.
        const requestSchema = operation.requestBody?.content['application/json'].schema;
        if (reply.status < 300 && c.body !== undefined) {
          if (!requestSchema)
            problems.push(`${label}: a request body the document does not describe`);
          else {
            const validateRequest = ajv.compile(schemaOf(requestSchema));
            if (!validateRequest(c.body))
              problems.push(`${label}: request ${ajv.errorsText(validateRequest.errors)}`);
          }
        }
        const documented = operation.responses[String(reply.status)];
        if (!documented) {
          problems.push(`${label}: status not documented`);
          return reply;
        }
        const response = resolve<Response>(doc, documented);
        for (const name of CHECKED_HEADERS) {
          const documentedHeaders = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
          if (reply.headers.get(name) !== null && !documentedHeaders.includes(name))
            problems.push(`${label}: header ${name} not documented`);
        }
        const schema = response.content?.['application/json']?.schema;
        if (!schema) {
          if (reply.body.trim()) problems.push(`${label}: a body the document does not describe`);
          return reply;
        }
        const validate = ajv.compile(schemaOf(schema));
        let body: unknown;
        try {
          body = JSON.parse(reply.body);
        } catch {
          problems.push(`${label}: not JSON`);
          return reply;
        }
        if (!validate(body))
          problems.push(
            `${label}: ${ajv.errorsText(validate.errors)} in ${reply.body.slice(0, 300)}`,
          );
        return reply;
      }

      // Public operations.
      await check({ op: 'GET /api/v1/openapi.json', as: 'anonymous', status: 200 });
      await check({
        op: 'POST /api/v1/auth/token',
        as: 'anonymous',
        body: { email: SECRETS.adminEmail, password: SECRETS.adminPassword },
        status: 201,
      });
      await check({ op: 'POST /api/v1/auth/token', as: 'anonymous', body: {}, status: 422 });
      await check({
        op: 'POST /api/v1/auth/token',
        as: 'anonymous',
        body: { email: SECRETS.adminEmail, password: 'not the password' },
        status: 401,
      });

      // Who is calling, and the organisation's roles and key.
      await check({ op: 'GET /api/v1/me', as: 'admin', status: 200 });
      await check({ op: 'GET /api/v1/me', as: 'anonymous', status: 401 });
      const roles = data<{ data: { id: string; key: string | null }[] }>(
        await check({ op: 'GET /api/v1/roles', as: 'readonly', status: 200 }),
      ).data;
      const readonlyRole = roles.find((r) => r.key === 'readonly')!.id;
      apiKey = data<{ apiKey: string }>(
        await check({ op: 'GET /api/v1/organisation/api-key', as: 'admin', status: 200 }),
      ).apiKey;
      await check({ op: 'GET /api/v1/organisation/api-key', as: 'readonly', status: 403 });
      await check({ op: 'GET /api/v1/me', as: 'apiKey', status: 200 });

      // Users.
      const users = data<{ data: { id: string; email: string }[] }>(
        await check({ op: 'GET /api/v1/users', as: 'admin', query: 'size=100', status: 200 }),
      ).data;
      await check({
        op: 'GET /api/v1/users',
        as: 'apiKey',
        query: 'q=example&sort=email',
        status: 200,
      });
      await check({ op: 'GET /api/v1/users', as: 'admin', query: 'size=7', status: 200 });
      await check({ op: 'GET /api/v1/users', as: 'readonly', status: 403 });
      await check({ op: 'GET /api/v1/users', as: 'anonymous', status: 401 });
      const member = users.find((u) => u.email === 'chris.operator@example.com') ?? users.at(-1)!;
      await check({ op: 'GET /api/v1/users/{id}', as: 'admin', ids: [member.id], status: 200 });
      await check({ op: 'GET /api/v1/users/{id}', as: 'admin', ids: ['not-a-uuid'], status: 404 });
      await check({ op: 'GET /api/v1/users/{id}', as: 'readonly', ids: [member.id], status: 403 });
      await check({
        op: 'PATCH /api/v1/users/{id}',
        as: 'admin',
        ids: [member.id],
        body: { roleId: readonlyRole },
        status: 200,
      });
      await check({
        op: 'PATCH /api/v1/users/{id}',
        as: 'admin',
        ids: [member.id],
        body: { roleId: 'nonsense' },
        status: 422,
      });
      await check({
        op: 'PATCH /api/v1/users/{id}',
        as: 'readonly',
        ids: [member.id],
        body: { roleId: readonlyRole },
        status: 403,
      });
      await check({
        op: 'POST /api/v1/users/{id}/reset-token',
        as: 'admin',
        ids: [member.id],
        status: 200,
      });
      await check({ op: 'POST /api/v1/users/{id}/reset-token', as: 'admin', status: 404 });
      // A body that is no JSON object is refused, not read as an empty one.
      for (const body of [[1, 2], null, 7])
        await check({
          op: 'POST /api/v1/users/{id}/suspend',
          as: 'admin',
          ids: [member.id],
          body,
          status: 422,
        });
      await check({
        op: 'POST /api/v1/users/{id}/suspend',
        as: 'admin',
        ids: [member.id],
        body: { reason: 'On leave until March' },
        status: 200,
      });
      await check({
        op: 'POST /api/v1/users/{id}/suspend',
        as: 'admin',
        ids: [member.id],
        status: 409,
      });
      await check({
        op: 'POST /api/v1/users/{id}/suspend',
        as: 'admin',
        ids: [member.id],
        body: { reason: 'x'.repeat(501) },
        status: 422,
      });
      await check({
        op: 'POST /api/v1/users/{id}/reactivate',
        as: 'readonly',
        ids: [member.id],
        status: 403,
      });
      await check({
        op: 'POST /api/v1/users/{id}/reactivate',
        as: 'admin',
        ids: [member.id],
        status: 200,
      });
      await check({
        op: 'POST /api/v1/users/{id}/reactivate',
        as: 'admin',
        ids: [member.id],
        status: 409,
      });
      // Bulk: per-member rows, the whole request refused only for the caller or the input.
      const bulk = data<{ results: { id: string; ok: boolean }[]; succeeded: number }>(
        await check({
          op: 'POST /api/v1/users/bulk',
          as: 'admin',
          body: { action: 'reset_token', members: [member.id, UNKNOWN_ID] },
          status: 200,
        }),
      );
      expect(bulk.results.map((r) => r.ok)).toEqual([true, false]);
      await check({
        op: 'POST /api/v1/users/bulk',
        as: 'apiKey',
        body: { action: 'suspend', filter: { q: 'nobody-matches-this' } },
        status: 200,
      });
      for (const body of [{ action: 'suspend' }, { action: 'remove', members: [] }, [1], null])
        await check({ op: 'POST /api/v1/users/bulk', as: 'admin', body, status: 422 });
      await check({
        op: 'POST /api/v1/users/bulk',
        as: 'readonly',
        body: { action: 'reset_token', members: [member.id] },
        status: 403,
      });
      await check({
        op: 'POST /api/v1/users/bulk',
        as: 'anonymous',
        body: { action: 'reset_token', members: [member.id] },
        status: 401,
      });
      await check({ op: 'DELETE /api/v1/users/{id}', as: 'admin', ids: [member.id], status: 204 });
      await check({ op: 'DELETE /api/v1/users/{id}', as: 'admin', ids: [member.id], status: 404 });
      await check({
        op: 'DELETE /api/v1/users/{id}',
        as: 'anonymous',
        ids: [member.id],
        status: 401,
      });

      // Invitations.
      await check({
        op: 'POST /api/v1/invitations',
        as: 'admin',
        body: { roleId: readonlyRole, email: 'contract@example.com', lifetimeDays: 3 },
        status: 201,
      });
      await check({ op: 'POST /api/v1/invitations', as: 'admin', body: {}, status: 422 });
      await check({ op: 'GET /api/v1/invitations', as: 'admin', query: 'size=2', status: 200 });
      await check({ op: 'GET /api/v1/invitations', as: 'readonly', status: 403 });

      // Streams and tags.
      const tag = data<{ id: string; name: string }>(
        await check({
          op: 'POST /api/v1/tags',
          as: 'admin',
          body: { name: 'contract' },
          status: 201,
        }),
      );
      await check({
        op: 'POST /api/v1/tags',
        as: 'admin',
        body: { name: 'Contract' },
        status: 409,
      });
      await check({ op: 'POST /api/v1/tags', as: 'readonly', body: { name: 'x' }, status: 403 });
      await check({ op: 'GET /api/v1/tags', as: 'readonly', status: 200 });
      await check({
        op: 'PATCH /api/v1/tags/{id}',
        as: 'admin',
        ids: [tag.id],
        body: { name: 'contract-renamed' },
        status: 200,
      });
      await check({ op: 'PATCH /api/v1/tags/{id}', as: 'admin', body: { name: 'x' }, status: 404 });
      const stream = data<{ id: string }>(
        await check({
          op: 'POST /api/v1/streams',
          as: 'admin',
          body: { name: 'Contract stream', tags: ['contract-renamed'] },
          status: 201,
        }),
      );
      await check({ op: 'POST /api/v1/streams', as: 'admin', body: { name: '' }, status: 422 });
      await check({ op: 'GET /api/v1/streams', as: 'readonly', query: 'size=1', status: 200 });
      await check({ op: 'GET /api/v1/streams', as: 'admin', query: 'state=nonsense', status: 422 });
      await check({ op: 'GET /api/v1/streams/{id}', as: 'admin', ids: [stream.id], status: 200 });
      await check({ op: 'GET /api/v1/streams/{id}', as: 'admin', status: 404 });
      await check({
        op: 'PUT /api/v1/streams/{id}/tags',
        as: 'admin',
        ids: [stream.id],
        body: { tags: [] },
        status: 200,
      });
      await check({
        op: 'PUT /api/v1/streams/{id}/tags',
        as: 'admin',
        ids: [stream.id],
        body: {},
        status: 422,
      });
      await check({
        op: 'POST /api/v1/streams/{id}/lock',
        as: 'admin',
        ids: [stream.id],
        status: 200,
      });
      await check({
        op: 'POST /api/v1/streams/{id}/lock',
        as: 'admin',
        ids: [stream.id],
        status: 409,
      });
      await check({
        op: 'POST /api/v1/streams/{id}/unlock',
        as: 'admin',
        ids: [stream.id],
        status: 200,
      });
      await check({
        op: 'POST /api/v1/streams/{id}/stop',
        as: 'admin',
        ids: [stream.id],
        status: 200,
      });
      await check({
        op: 'POST /api/v1/streams/{id}/stop',
        as: 'readonly',
        ids: [stream.id],
        status: 403,
      });

      // Playback tokens.
      const playback = data<{ token: string }>(
        await check({
          op: 'POST /api/v1/playback-tokens',
          as: 'admin',
          body: { streams: [stream.id], expiresIn: 600 },
          status: 201,
        }),
      );
      await check({
        op: 'POST /api/v1/playback-tokens',
        as: 'admin',
        body: { tag: 'x', orgwide: true },
        status: 422,
      });
      await check({
        op: 'POST /api/v1/playback-tokens/verify',
        as: 'anonymous',
        body: { token: playback.token },
        status: 200,
      });
      await check({
        op: 'POST /api/v1/playback-tokens/verify',
        as: 'anonymous',
        body: { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
        status: 401,
      });
      await check({
        op: 'POST /api/v1/playback-tokens/verify',
        as: 'anonymous',
        body: {},
        status: 422,
      });

      await check({
        op: 'DELETE /api/v1/streams/{id}',
        as: 'admin',
        ids: [stream.id],
        status: 204,
      });
      await check({ op: 'DELETE /api/v1/tags/{id}', as: 'admin', ids: [tag.id], status: 204 });
      await check({ op: 'DELETE /api/v1/tags/{id}', as: 'readonly', ids: [tag.id], status: 403 });

      // Webhook endpoints. This server runs as production does (no WEBHOOK_ALLOW_PRIVATE_URLS):
      // plain http and private addresses are refused; a public address literal is saved.
      for (const url of [
        'http://93.184.216.34/hooks',
        'https://127.0.0.1/hooks',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/hooks',
        'https://localhost/hooks',
      ]) {
        await check({
          op: 'POST /api/v1/webhooks',
          as: 'admin',
          body: { url, eventTypes: ['member.joined'] },
          status: 422,
        });
      }
      const hook = data<{ endpoint: { id: string }; secret: string }>(
        await check({
          op: 'POST /api/v1/webhooks',
          as: 'apiKey',
          body: { url: 'https://93.184.216.34/hooks', eventTypes: ['member.joined', 'audit.*'] },
          status: 201,
        }),
      );
      expect(hook.secret).toMatch(/^whsec_/);
      await check({ op: 'POST /api/v1/webhooks', as: 'admin', body: {}, status: 422 });
      await check({ op: 'POST /api/v1/webhooks', as: 'readonly', body: {}, status: 403 });
      const hooks = await check({ op: 'GET /api/v1/webhooks', as: 'admin', status: 200 });
      expect(hooks.body).not.toContain('whsec_');
      await check({ op: 'GET /api/v1/webhooks', as: 'readonly', status: 403 });
      await check({
        op: 'PATCH /api/v1/webhooks/{id}',
        as: 'admin',
        ids: [hook.endpoint.id],
        body: { description: 'Contract', enabled: false },
        status: 200,
      });
      await check({
        op: 'PATCH /api/v1/webhooks/{id}',
        as: 'admin',
        ids: [hook.endpoint.id],
        body: { url: 'https://10.1.2.3/hooks' },
        status: 422,
      });
      await check({ op: 'PATCH /api/v1/webhooks/{id}', as: 'admin', body: {}, status: 404 });
      // A path id that is no UUID is 404 on every route, mutations included.
      for (const op of ['PATCH /api/v1/webhooks/{id}', 'DELETE /api/v1/tags/{id}'] as const)
        await check({ op, as: 'admin', ids: ['not-a-uuid'], body: {}, status: 404 });
      await check({
        op: 'DELETE /api/v1/webhooks/{id}',
        as: 'admin',
        ids: [hook.endpoint.id],
        status: 204,
      });
      await check({
        op: 'DELETE /api/v1/webhooks/{id}',
        as: 'admin',
        ids: [hook.endpoint.id],
        status: 404,
      });

      // The audit log, then the key rotated (the old key stops at once).
      await check({ op: 'GET /api/v1/audit', as: 'admin', query: 'size=5', status: 200 });
      await check({ op: 'GET /api/v1/audit', as: 'readonly', status: 403 });
      await check({ op: 'POST /api/v1/organisation/api-key/rotate', as: 'apiKey', status: 201 });
      await check({ op: 'GET /api/v1/me', as: 'apiKey', status: 401 });

      // Rate limited: sign-ins beyond the limit are refused with Retry-After.
      let limited: Reply | undefined;
      for (let i = 0; i < 8 && limited?.status !== 429; i++) {
        limited = await send({
          op: 'POST /api/v1/auth/token',
          as: 'anonymous',
          body: { email: SECRETS.adminEmail, password: 'still not the password' },
          status: 401,
        });
      }
      expect(limited?.status).toBe(429);
      await check({
        op: 'POST /api/v1/auth/token',
        as: 'anonymous',
        body: { email: SECRETS.adminEmail, password: 'still not the password' },
        status: 429,
      });

      expect(problems).toEqual([]);
      expect([...seen].sort(), 'every operation is called').toEqual(Object.keys(API_GATES).sort());
    });
  },
);
