import { STREAM_STATES } from '@/db/schema';
import { API_KEY_PREFIX, BINTU_TOKEN_PREFIX } from '@/lib/credentials';
import { AUDIT_PAGE_SIZE } from '@/lib/validation/audit';
import { INVITATION_PAGE_SIZE } from '@/lib/validation/invitations';
import { MEMBER_SORTS, PAGE_SIZES } from '@/lib/validation/members';
import {
  LISTED_STREAM_STATES,
  STREAM_NAME_MAX,
  STREAM_PAGE_SIZE,
  TAG_NAME_MAX,
  TAGS_PER_STREAM_MAX,
} from '@/lib/validation/streams';
import { PLAYBACK_TTL } from '@/lib/validation/tokens';

// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. A test checks
// that every route handler under app/api/v1 appears here with its methods, and back.

type Op = {
  summary: string;
  permission?: string;
  /** An audience the operation needs beyond `api`. */
  audience?: string;
  public?: boolean;
  body?: Record<string, unknown>;
  params?: string[];
  query?: Record<string, Record<string, unknown>>;
  ok?: { status: number; schema?: Record<string, unknown> };
  /** Refusals beyond those every operation of its kind has (409, a public 401 or 403). */
  errors?: number[];
  /** Public operations: counted against a rate limit (429). */
  rateLimited?: boolean;
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
const nullable = (schema: Record<string, unknown>) => ({
  ...schema,
  type: [schema.type as string, 'null'],
});
const uuid = { type: 'string', format: 'uuid' };
const time = { type: 'string', format: 'date-time' };
const strings = { type: 'array', items: str };
/** A role with what it grants. */
const ROLE_FIELDS = {
  id: uuid,
  key: nullable(str),
  name: str,
  description: str,
  permissions: strings,
  audiences: strings,
};
const requestId = { 'x-request-id': { $ref: '#/components/headers/RequestId' } };
const cursor = { type: 'string', maxLength: 200, description: 'A cursor from the last page.' };
const tagName = { type: 'string', minLength: 1, maxLength: TAG_NAME_MAX };
const tagList = { type: 'array', items: tagName, maxItems: TAGS_PER_STREAM_MAX };

// The refusals every operation can give, by kind: authenticated operations 401 (with
// WWW-Authenticate), 403 and 429 (with Retry-After), 404 where a path names something,
// 422 where a body or query is read; every operation 500.
function errorsOf(op: Op): Record<string, unknown> {
  const codes = new Set<number>([
    ...(op.public ? [] : [401, 403, 429]),
    ...(op.params ? [404] : []),
    ...(op.body || op.query ? [422] : []),
    ...(op.public && op.rateLimited ? [429] : []),
    ...(op.errors ?? []),
    500,
  ]);
  const component = (code: number) => ERROR_RESPONSES[code as keyof typeof ERROR_RESPONSES];
  return Object.fromEntries(
    [...codes]
      .sort()
      .map((code) => [String(code), { $ref: `#/components/responses/${component(code)}` }]),
  );
}

function operation(op: Op) {
  const needs = [
    op.permission ? `the \`${op.permission}\` permission` : null,
    'the `api` audience',
    op.audience ? `the \`${op.audience}\` audience` : null,
  ].filter(Boolean);
  return {
    summary: op.summary,
    ...(op.public ? { security: [] } : { description: `Requires ${needs.join(' and ')}.` }),
    parameters: [
      ...(op.params ?? []).map((name) => ({
        name,
        in: 'path',
        required: true,
        description: 'A UUID; any other value is 404.',
        schema: uuid,
      })),
      ...Object.entries(op.query ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      })),
    ],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } }
      : {}),
    responses: {
      [String(op.ok?.status ?? 200)]: {
        description: op.ok?.status === 204 ? 'Done; no body.' : 'OK',
        headers: requestId,
        ...(op.ok?.schema ? { content: { 'application/json': { schema: op.ok.schema } } } : {}),
      },
      ...errorsOf(op),
    },
  };
}

/** The component response of each refusal. */
const ERROR_RESPONSES = {
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  429: 'RateLimited',
  500: 'InternalError',
} as const;

const errorBody = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...requestId, ...headers },
  content: { 'application/json': { schema: ref('Error') } },
});

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
    headers: {
      RequestId: {
        description:
          'The request id (the one sent, or a new one): name it when reporting a problem.',
        schema: str,
      },
    },
    responses: {
      Forbidden: errorBody('Your role lacks the permission or the audience this needs.'),
      NotFound: errorBody('Nothing with this id in your organisation.'),
      Conflict: errorBody('The current state does not allow it (a name taken, the last admin).'),
      Invalid: errorBody('The input is not valid: `fields` names each field and what is wrong.'),
      Unauthenticated: errorBody('No valid bintu token or API key.', {
        'WWW-Authenticate': { schema: str, description: '`Bearer realm="api"`' },
      }),
      RateLimited: errorBody('Too many requests from this caller.', {
        'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' },
      }),
      InternalError: errorBody('An unexpected error; the body names the request id.'),
    },
    schemas: {
      Error: obj(
        {
          error: obj(
            {
              code: {
                enum: [
                  'unauthenticated',
                  'forbidden',
                  'not_found',
                  'conflict',
                  'invalid',
                  'rate_limited',
                  'internal',
                ],
              },
              message: str,
              fields: {
                type: 'object',
                additionalProperties: str,
                description: 'Field name to what is wrong with it.',
              },
              requestId: str,
            },
            ['code', 'message'],
          ),
        },
        ['error'],
      ),
      RoleRef: obj({ id: uuid, key: nullable(str), name: str }, ['id', 'key', 'name']),
      User: obj({ id: uuid, email: str, tokenKey: str, createdAt: time, role: ref('RoleRef') }, [
        'id',
        'email',
        'tokenKey',
        'createdAt',
        'role',
      ]),
      UserDetail: obj(
        {
          id: uuid,
          email: str,
          tokenKey: str,
          createdAt: time,
          isSelf: { type: 'boolean', description: 'The caller is this user.' },
          role: obj(ROLE_FIELDS, Object.keys(ROLE_FIELDS)),
        },
        ['id', 'email', 'tokenKey', 'createdAt', 'isSelf', 'role'],
      ),
      RoleDetail: obj(
        {
          ...ROLE_FIELDS,
          memberCount: { type: 'integer' },
          isDefault: { type: 'boolean' },
        },
        [
          'id',
          'key',
          'name',
          'description',
          'permissions',
          'audiences',
          'memberCount',
          'isDefault',
        ],
      ),
      Stream: obj(
        {
          id: uuid,
          name: str,
          state: { enum: STREAM_STATES },
          tags: strings,
          creator: str,
          createdAt: time,
          updatedAt: time,
          endedAt: nullable(time),
        },
        ['id', 'name', 'state', 'tags'],
      ),
      Tag: obj(
        {
          id: uuid,
          name: str,
          createdAt: time,
          updatedAt: time,
          streamCount: { type: 'integer', description: 'Streams carrying the tag.' },
        },
        ['id', 'name', 'createdAt', 'updatedAt', 'streamCount'],
      ),
      Invitation: obj(
        {
          id: uuid,
          email: nullable(str),
          roleName: str,
          inviterEmail: str,
          createdAt: time,
          expiresAt: time,
          status: { enum: ['pending', 'accepted', 'declined', 'expired', 'revoked'] },
        },
        ['id', 'email', 'roleName', 'inviterEmail', 'createdAt', 'expiresAt', 'status'],
      ),
      AuditEvent: obj(
        {
          id: { type: 'integer' },
          createdAt: time,
          actorType: str,
          actorLabel: str,
          action: str,
          targetType: str,
          targetId: nullable(str),
          targetLabel: nullable(str),
          ip: nullable(str),
        },
        ['id', 'createdAt', 'actorType', 'actorLabel', 'action', 'targetType'],
      ),
      PlaybackTarget: {
        type: 'object',
        description: 'One of: `streams` (ids), `tag` (a name), `orgwide` (true).',
        properties: { streams: { type: 'array', items: uuid }, tag: str, orgwide: { const: true } },
      },
      PlaybackClaims: obj(
        {
          jti: str,
          org: uuid,
          sub: { type: 'string', description: 'The issuing account id, or `api-key`.' },
          target: ref('PlaybackTarget'),
          iat: { type: 'integer' },
          nbf: { type: 'integer' },
          exp: { type: 'integer' },
        },
        ['jti', 'org', 'sub', 'target', 'iat', 'exp'],
      ),
    },
  },
  paths: {
    '/auth/token': {
      post: operation({
        summary: 'Get a bintu token with email and password',
        public: true,
        rateLimited: true,
        errors: [401, 403],
        body: obj(
          {
            email: { type: 'string', format: 'email', maxLength: 254 },
            password: { type: 'string', minLength: 1, maxLength: 200 },
            organisation: {
              type: 'string',
              maxLength: 100,
              description:
                'Id or slug, for accounts in several organisations. 403 when the role there lacks the `api` audience.',
            },
          },
          ['email', 'password'],
        ),
        ok: {
          status: 201,
          schema: obj(
            {
              token: str,
              expiresAt: time,
              organisation: obj({ id: uuid, name: str }, ['id', 'name']),
            },
            ['token', 'expiresAt', 'organisation'],
          ),
        },
      }),
    },
    '/me': {
      get: operation({
        summary: 'Who is calling: organisation, role, permissions, audiences',
        ok: {
          status: 200,
          schema: obj(
            {
              kind: { enum: ['member', 'api_key'] },
              account: nullable(obj({ id: uuid, email: str }, ['id', 'email'])),
              membershipId: nullable(uuid),
              organisation: obj({ id: uuid, name: str }, ['id', 'name']),
              role: obj({ id: uuid, name: str }, ['id', 'name']),
              tokenKey: nullable(str),
              permissions: strings,
              audiences: strings,
            },
            [
              'kind',
              'account',
              'membershipId',
              'organisation',
              'role',
              'tokenKey',
              'permissions',
              'audiences',
            ],
          ),
        },
      }),
    },
    '/users': {
      get: operation({
        summary:
          'List users (filter, search, sort, page). Pages by cursor: pass `next` as `after` or `prev` as `before`; `last=1` gives the last page. `total` counts a search up to 1,000 (`totalCapped` when more match).',
        permission: 'users:read',
        query: {
          q: { type: 'string', maxLength: 254, description: 'Part of the email, any case.' },
          role: { type: 'string', description: 'A role id.' },
          sort: { enum: MEMBER_SORTS, default: 'created' },
          dir: { enum: ['asc', 'desc'] },
          size: { enum: PAGE_SIZES, default: 25 },
          after: cursor,
          before: cursor,
          last: { enum: ['1'] },
        },
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
        ok: { status: 200, schema: ref('UserDetail') },
      }),
      patch: operation({
        summary: 'Change the role (replaces the Token Key)',
        permission: 'users:update',
        params: ['id'],
        errors: [409],
        body: obj({ roleId: uuid }, ['roleId']),
        ok: { status: 200, schema: ref('UserDetail') },
      }),
      delete: operation({
        summary: 'Remove the user from the organisation',
        permission: 'users:delete',
        params: ['id'],
        errors: [409],
        ok: { status: 204 },
      }),
    },
    '/users/{id}/reset-token': {
      post: operation({
        summary: 'Reset the user’s token (new Token Key)',
        permission: 'users:reset-token',
        params: ['id'],
        ok: { status: 200, schema: ref('UserDetail') },
      }),
    },
    '/invitations': {
      get: operation({
        summary: 'List invitations, newest first. Pages by cursor: pass `next` as `before`.',
        permission: 'users:invite',
        query: {
          before: cursor,
          size: {
            type: 'integer',
            minimum: 1,
            maximum: INVITATION_PAGE_SIZE.max,
            default: INVITATION_PAGE_SIZE.default,
          },
        },
        ok: { status: 200, schema: list(ref('Invitation')) },
      }),
      post: operation({
        summary: 'Create an invite link (shown once)',
        permission: 'users:invite',
        body: obj(
          {
            roleId: uuid,
            email: {
              type: 'string',
              format: 'email',
              maxLength: 254,
              description: 'Only this address can accept.',
            },
            lifetimeDays: { type: 'integer', minimum: 1, maximum: 30, default: 7 },
          },
          ['roleId'],
        ),
        ok: {
          status: 201,
          schema: obj({ id: uuid, url: str, expiresAt: time }, ['id', 'url', 'expiresAt']),
        },
      }),
    },
    '/roles': {
      get: operation({
        summary: 'List roles with member counts (all of them: `next` is always null)',
        ok: {
          status: 200,
          schema: list(ref('RoleDetail')),
        },
      }),
    },
    '/streams': {
      get: operation({
        summary: 'List streams, newest first. Pages by cursor: pass `next` as `cursor`.',
        permission: 'streams:read',
        query: {
          state: { enum: LISTED_STREAM_STATES },
          tag: { type: 'string', maxLength: TAG_NAME_MAX },
          cursor,
          size: {
            type: 'integer',
            minimum: 1,
            maximum: STREAM_PAGE_SIZE.max,
            default: STREAM_PAGE_SIZE.default,
          },
        },
        ok: { status: 200, schema: list(ref('Stream')) },
      }),
      post: operation({
        summary: 'Create a stream',
        permission: 'streams:create',
        body: obj(
          {
            name: { type: 'string', minLength: 1, maxLength: STREAM_NAME_MAX },
            tags: tagList,
          },
          ['name'],
        ),
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
        errors: [409],
        ok: { status: 204 },
      }),
    },
    '/streams/{id}/stop': {
      post: operation({
        summary: 'Stop a stream',
        permission: 'streams:manage',
        params: ['id'],
        errors: [409],
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/streams/{id}/lock': {
      post: operation({
        summary: 'Lock a stream',
        permission: 'streams:manage',
        params: ['id'],
        errors: [409],
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/streams/{id}/unlock': {
      post: operation({
        summary: 'Unlock a stream',
        permission: 'streams:manage',
        params: ['id'],
        errors: [409],
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/streams/{id}/tags': {
      put: operation({
        summary: 'Replace a stream’s tags (an empty list removes them all)',
        permission: 'tags:write',
        params: ['id'],
        errors: [409],
        body: obj({ tags: tagList }, ['tags']),
        ok: { status: 200, schema: ref('Stream') },
      }),
    },
    '/tags': {
      get: operation({
        summary: 'List tags (all of them: `next` is always null)',
        permission: 'tags:read',
        ok: {
          status: 200,
          schema: list(ref('Tag')),
        },
      }),
      post: operation({
        summary: 'Create a tag',
        permission: 'tags:write',
        errors: [409],
        body: obj({ name: tagName }, ['name']),
        ok: { status: 201, schema: ref('Tag') },
      }),
    },
    '/tags/{id}': {
      patch: operation({
        summary: 'Rename a tag',
        permission: 'tags:write',
        params: ['id'],
        errors: [409],
        body: obj({ name: tagName }, ['name']),
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
        audience: 'playback',
        body: {
          type: 'object',
          description: 'Exactly one of `streams`, `tag` or `orgwide`.',
          properties: {
            streams: { type: 'array', items: uuid, minItems: 1 },
            tag: tagName,
            orgwide: { const: true },
            expiresIn: {
              type: 'integer',
              minimum: 60,
              maximum: PLAYBACK_TTL.max,
              default: PLAYBACK_TTL.default,
              description: 'Seconds.',
            },
            notBefore: { type: 'integer', description: 'Unix time.' },
          },
        },
        ok: {
          status: 201,
          schema: obj(
            {
              id: str,
              token: str,
              expiresAt: time,
              jti: str,
              org: uuid,
              sub: str,
              target: ref('PlaybackTarget'),
              iat: { type: 'integer' },
              nbf: { type: 'integer' },
              exp: { type: 'integer' },
            },
            ['id', 'token', 'expiresAt', 'jti', 'org', 'sub', 'target', 'iat', 'exp'],
          ),
        },
      }),
    },
    '/playback-tokens/verify': {
      post: operation({
        summary: 'Verify a playback token (signature and times only; no database lookup)',
        public: true,
        errors: [401],
        body: obj({ token: { type: 'string', maxLength: 4096 } }, ['token']),
        ok: {
          status: 200,
          schema: obj({ valid: { const: true }, claims: ref('PlaybackClaims') }, [
            'valid',
            'claims',
          ]),
        },
      }),
    },
    '/audit': {
      get: operation({
        summary: 'Audit events, newest first. Pages by cursor: pass `next` as `before`.',
        permission: 'audit:read',
        query: {
          action: {
            type: 'string',
            maxLength: 100,
            description: 'Exact action, e.g. `member.role_changed`.',
          },
          actor: { type: 'string', maxLength: 254, description: 'Part of the actor’s label.' },
          targetType: { type: 'string', maxLength: 50 },
          targetId: { type: 'string', maxLength: 200 },
          from: { type: 'string', description: 'UTC date or time, inclusive.' },
          to: { type: 'string', description: 'UTC date or time, inclusive.' },
          before: { type: 'integer', minimum: 1, description: 'An event id: older events.' },
          size: {
            type: 'integer',
            minimum: 1,
            maximum: AUDIT_PAGE_SIZE.max,
            default: AUDIT_PAGE_SIZE.default,
          },
        },
        ok: { status: 200, schema: list(ref('AuditEvent')) },
      }),
    },
    '/organisation/api-key': {
      get: operation({
        summary: 'The organisation API key',
        permission: 'apikey:read',
        ok: { status: 200, schema: obj({ apiKey: str }, ['apiKey']) },
      }),
    },
    '/organisation/api-key/rotate': {
      post: operation({
        summary: 'Rotate the API key (the old one stops at once)',
        permission: 'apikey:read',
        ok: { status: 201, schema: obj({ apiKey: str }, ['apiKey']) },
      }),
    },
    '/openapi.json': {
      get: operation({
        summary: 'This document',
        public: true,
        ok: { status: 200, schema: { type: 'object', description: 'OpenAPI 3.1' } },
      }),
    },
  },
} as const;
