import { API_KEY_PREFIX, BINTU_TOKEN_PREFIX } from '@/lib/credentials';

// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. A test checks
// that every route handler under app/api/v1 appears here with its methods, and back.

type Op = {
  summary: string;
  permission?: string;
  public?: boolean;
  body?: Record<string, unknown>;
  params?: string[];
  query?: string[];
  ok?: { status: number; schema?: Record<string, unknown> };
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (item: Record<string, unknown>) => ({
  type: 'object',
  required: ['data', 'next'],
  properties: { data: { type: 'array', items: item }, next: { type: ['string', 'null'] } },
});
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const str = { type: 'string' };
const uuid = { type: 'string', format: 'uuid' };

function operation(op: Op) {
  const errors = ['401', '403', '404', '409', '422', '429'].filter(
    (c) => !op.public || c === '422' || c === '401' || c === '429',
  );
  return {
    summary: op.summary,
    ...(op.permission
      ? { description: `Requires the \`${op.permission}\` permission and the \`api\` audience.` }
      : {}),
    ...(op.public ? { security: [] } : {}),
    parameters: [
      ...(op.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: uuid })),
      ...(op.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: str })),
    ],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } }
      : {}),
    responses: {
      [String(op.ok?.status ?? 200)]: op.ok?.schema
        ? { description: 'OK', content: { 'application/json': { schema: op.ok.schema } } }
        : { description: 'OK' },
      ...Object.fromEntries(errors.map((c) => [c, { $ref: '#/components/responses/Error' }])),
    },
  };
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Organisation dashboard API',
    version: '1.0.0',
    description: `Users, roles, invitations, streams, tags, playback tokens and the audit log of one organisation. Authenticate with a bintu token (\`Authorization: Bearer ${BINTU_TOKEN_PREFIX}…\`, from POST /auth/token or the Account page) or the organisation API key (\`X-API-Key: ${API_KEY_PREFIX}…\`, acts as Admin). Errors are \`{ "error": { "code", "message" } }\`.`,
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }, { apiKey: [] }],
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'A bintu token (expires after 24 hours).',
      },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    },
    responses: {
      Error: {
        description:
          'An error: 401 unauthenticated, 403 forbidden, 404 not in your organisation, 409 conflict, 422 invalid input, 429 rate limited.',
        content: { 'application/json': { schema: ref('Error') } },
      },
    },
    schemas: {
      Error: obj(
        {
          error: obj({ code: str, message: str, fields: { type: 'object' } }, ['code', 'message']),
        },
        ['error'],
      ),
      Role: obj({ id: uuid, key: { type: ['string', 'null'] }, name: str }, ['id', 'name']),
      User: obj(
        {
          id: uuid,
          email: str,
          tokenKey: str,
          createdAt: { type: 'string', format: 'date-time' },
          role: ref('Role'),
        },
        ['id', 'email', 'tokenKey', 'createdAt', 'role'],
      ),
      RoleDetail: obj({
        id: uuid,
        key: { type: ['string', 'null'] },
        name: str,
        description: str,
        permissions: { type: 'array', items: str },
        audiences: { type: 'array', items: str },
        memberCount: { type: 'integer' },
        isDefault: { type: 'boolean' },
      }),
      Stream: obj(
        {
          id: uuid,
          name: str,
          state: { enum: ['created', 'live', 'ended', 'locked', 'deleted'] },
          tags: { type: 'array', items: str },
          creator: str,
          createdAt: str,
          updatedAt: str,
          endedAt: { type: ['string', 'null'] },
        },
        ['id', 'name', 'state', 'tags'],
      ),
      Tag: obj({ id: uuid, name: str }, ['id', 'name']),
      AuditEvent: obj({
        id: { type: 'integer' },
        createdAt: str,
        actorType: str,
        actorLabel: str,
        action: str,
        targetType: str,
        targetId: { type: ['string', 'null'] },
        targetLabel: { type: ['string', 'null'] },
      }),
      PlaybackClaims: obj({
        jti: str,
        org: uuid,
        sub: str,
        target: { type: 'object' },
        iat: { type: 'integer' },
        nbf: { type: 'integer' },
        exp: { type: 'integer' },
      }),
    },
  },
  paths: {
    '/auth/token': {
      post: operation({
        summary: 'Get a bintu token with email and password',
        public: true,
        body: obj(
          {
            email: str,
            password: str,
            organisation: {
              type: 'string',
              description: 'Id or slug, for accounts in several organisations',
            },
          },
          ['email', 'password'],
        ),
        ok: {
          status: 201,
          schema: obj({ token: str, expiresAt: str, organisation: obj({ id: uuid, name: str }) }),
        },
      }),
    },
    '/me': {
      get: operation({ summary: 'Who is calling: organisation, role, permissions, audiences' }),
    },
    '/users': {
      get: operation({
        summary:
          'List users (filter, search, sort, page). Pages by cursor: pass `next` as `after` or `prev` as `before`; `last=1` gives the last page. `total` counts a search up to 1,000 (`totalCapped` when more match).',
        permission: 'users:read',
        query: ['q', 'role', 'sort', 'dir', 'size', 'after', 'before', 'last'],
        ok: {
          status: 200,
          schema: {
            type: 'object',
            required: ['data', 'total', 'totalCapped', 'next', 'prev'],
            properties: {
              data: { type: 'array', items: ref('User') },
              total: { type: 'integer' },
              totalCapped: { type: 'boolean' },
              next: { type: ['string', 'null'] },
              prev: { type: ['string', 'null'] },
            },
          },
        },
      }),
    },
    '/users/{id}': {
      get: operation({
        summary: 'Get a user',
        permission: 'users:read',
        params: ['id'],
        ok: { status: 200, schema: ref('User') },
      }),
      patch: operation({
        summary: 'Change the role (replaces the Token Key)',
        permission: 'users:update',
        params: ['id'],
        body: obj({ roleId: uuid }, ['roleId']),
        ok: { status: 200, schema: ref('User') },
      }),
      delete: operation({
        summary: 'Remove the user from the organisation',
        permission: 'users:delete',
        params: ['id'],
        ok: { status: 204 },
      }),
    },
    '/users/{id}/reset-token': {
      post: operation({
        summary: 'Reset the user’s token (new Token Key)',
        permission: 'users:reset-token',
        params: ['id'],
        ok: { status: 200, schema: ref('User') },
      }),
    },
    '/invitations': {
      get: operation({
        summary:
          'List invitations, newest first. Pages by cursor: pass `next` as `before`; `size` up to 100 (default 50).',
        permission: 'users:invite',
        query: ['before', 'size'],
      }),
      post: operation({
        summary: 'Create an invite link (shown once)',
        permission: 'users:invite',
        body: obj(
          { roleId: uuid, email: str, lifetimeDays: { type: 'integer', minimum: 1, maximum: 30 } },
          ['roleId'],
        ),
        ok: { status: 201, schema: obj({ id: uuid, url: str, expiresAt: str }) },
      }),
    },
    '/roles': {
      get: operation({
        summary: 'List roles with member counts',
        ok: { status: 200, schema: list(ref('RoleDetail')) },
      }),
    },
    '/streams': {
      get: operation({
        summary: 'List streams',
        permission: 'streams:read',
        query: ['state', 'tag', 'cursor', 'size'],
        ok: { status: 200, schema: list(ref('Stream')) },
      }),
      post: operation({
        summary: 'Create a stream',
        permission: 'streams:create',
        body: obj({ name: str, tags: { type: 'array', items: str } }, ['name']),
        ok: { status: 201, schema: ref('Stream') },
      }),
    },
    '/streams/{id}': {
      get: operation({
        summary: 'Get a stream',
        permission: 'streams:read',
        params: ['id'],
        ok: { status: 200, schema: ref('Stream') },
      }),
      delete: operation({
        summary: 'Delete a stream',
        permission: 'streams:delete',
        params: ['id'],
        ok: { status: 204 },
      }),
    },
    '/streams/{id}/stop': {
      post: operation({
        summary: 'Stop a stream',
        permission: 'streams:manage',
        params: ['id'],
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/streams/{id}/lock': {
      post: operation({
        summary: 'Lock a stream',
        permission: 'streams:manage',
        params: ['id'],
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/streams/{id}/unlock': {
      post: operation({
        summary: 'Unlock a stream',
        permission: 'streams:manage',
        params: ['id'],
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/streams/{id}/tags': {
      put: operation({
        summary: 'Replace a stream’s tags',
        permission: 'tags:write',
        params: ['id'],
        body: obj({ tags: { type: 'array', items: str } }, ['tags']),
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/tags': {
      get: operation({
        summary: 'List tags',
        permission: 'tags:read',
        ok: { status: 200, schema: list(ref('Tag')) },
      }),
      post: operation({
        summary: 'Create a tag',
        permission: 'tags:write',
        body: obj({ name: str }, ['name']),
        ok: { status: 201, schema: ref('Tag') },
      }),
    },
    '/tags/{id}': {
      patch: operation({
        summary: 'Rename a tag',
        permission: 'tags:write',
        params: ['id'],
        body: obj({ name: str }, ['name']),
        ok: { status: 200, schema: ref('Tag') },
      }),
      delete: operation({
        summary: 'Delete a tag',
        permission: 'tags:delete',
        params: ['id'],
        ok: { status: 204 },
      }),
    },
    '/playback-tokens': {
      post: operation({
        summary: 'Create a playback token (JWT)',
        permission: 'playback-tokens:create',
        body: {
          oneOf: [
            obj({ streams: { type: 'array', items: uuid } }, ['streams']),
            obj({ tag: str }, ['tag']),
            obj({ orgwide: { const: true } }, ['orgwide']),
          ],
          properties: {
            expiresIn: { type: 'integer', minimum: 60, maximum: 31536000, default: 1209600 },
            notBefore: { type: 'integer' },
          },
        },
        ok: { status: 201, schema: obj({ id: str, token: str, expiresAt: str }) },
      }),
    },
    '/playback-tokens/verify': {
      post: operation({
        summary: 'Verify a playback token (no database lookup)',
        public: true,
        body: obj({ token: str }, ['token']),
        ok: { status: 200, schema: obj({ valid: { const: true }, claims: ref('PlaybackClaims') }) },
      }),
    },
    '/audit': {
      get: operation({
        summary: 'Audit events, newest first',
        permission: 'audit:read',
        query: ['action', 'actor', 'targetType', 'targetId', 'from', 'to', 'before', 'size'],
        ok: { status: 200, schema: list(ref('AuditEvent')) },
      }),
    },
    '/organisation/api-key': {
      get: operation({
        summary: 'The organisation API key',
        permission: 'apikey:read',
        ok: { status: 200, schema: obj({ apiKey: str }) },
      }),
    },
    '/organisation/api-key/rotate': {
      post: operation({
        summary: 'Rotate the API key (the old one stops at once)',
        permission: 'apikey:read',
        ok: { status: 201, schema: obj({ apiKey: str }) },
      }),
    },
    '/openapi.json': { get: operation({ summary: 'This document', public: true }) },
  },
} as const;
