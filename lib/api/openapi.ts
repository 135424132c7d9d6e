import { z } from 'zod';
import { API_KEY_PREFIX, BINTU_TOKEN_PREFIX } from '@/lib/credentials';
import { API_GATES, type ApiGate } from '@/lib/rbac/gates';
import { API_OPERATIONS, type ApiRoute, type Operation } from './operations';
import './schemas';

// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json and read by the
// /api-reference page: generated from the table of operations (lib/api/operations.ts),
// its zod schemas (lib/api/schemas.ts for the answers, lib/validation for what is sent)
// and the first gate's permissions and audiences (lib/rbac/gates.ts). Nothing in it is
// written by hand but the prose.

type Json = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';

const jsonSchemaOptions = {
  target: 'draft-2020-12',
  // What a client sends and what it reads: a request's input, a response's wire form (a
  // Date is a codec whose input is ISO text).
  io: 'input',
  // Checks zod cannot state (a refinement, a transform) are left out; `.meta()` on the
  // schema says what the document should, where it matters.
  unrepresentable: 'any',
  override: ({ jsonSchema }: { jsonSchema: Json }) => {
    // A format says what its long pattern does (uuid, date-time); safe-integer bounds say
    // nothing a client needs.
    if (typeof jsonSchema.format === 'string') delete jsonSchema.pattern;
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  },
} as const;

function withoutSchemaKeywords({ $schema: _s, $id: _i, ...schema }: Json): Json {
  return schema;
}

/** A named schema as a reference to its component; any other inline. */
function schemaOf(schema: z.ZodType): Json {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `${COMPONENT}${id}` };
  const json = withoutSchemaKeywords(z.toJSONSchema(schema, jsonSchemaOptions) as Json);
  if (json.$defs) throw new Error('Name a schema used inside a request with `.meta({ id })`.');
  return json;
}

/** Every schema named with `.meta({ id })`, each referring to the others. */
function components(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    ...jsonSchemaOptions,
    uri: (id) => `${COMPONENT}${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, withoutSchemaKeywords(schema as Json)]),
  );
}

const ERROR_RESPONSES = {
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  429: 'RateLimited',
  500: 'InternalError',
} as const;

const requestIdHeader = { 'x-request-id': { $ref: '#/components/headers/RequestId' } };

const errorResponse = (description: string, headers: Json = {}) => ({
  description,
  headers: { ...requestIdHeader, ...headers },
  content: { 'application/json': { schema: { $ref: `${COMPONENT}Error` } } },
});

/** The refusals of an operation: its kind's, and the ones it names. */
function refusals(route: ApiRoute, op: Operation, gate: ApiGate): Json {
  const codes = new Set<number>([
    ...(gate.caller === 'api' || op.rateLimited ? [429] : []),
    ...(gate.caller === 'api' ? [401, 403] : []),
    ...(route.includes('{id}') ? [404] : []),
    ...(op.body || op.query ? [422] : []),
    ...(op.errors ?? []),
    500,
  ]);
  return Object.fromEntries(
    [...codes]
      .sort()
      .map((code) => [
        String(code),
        { $ref: `#/components/responses/${ERROR_RESPONSES[code as keyof typeof ERROR_RESPONSES]}` },
      ]),
  );
}

function parameters(route: ApiRoute, op: Operation): Json[] {
  const path = route.includes('{id}')
    ? [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'A UUID; any other value is 404.',
          schema: { type: 'string', format: 'uuid' },
        },
      ]
    : [];
  if (!op.query) return path;
  const query = schemaOf(op.query) as { properties?: Record<string, Json>; required?: string[] };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, { description, ...schema }]) => ({
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema,
    })),
  ];
}

function operation(route: ApiRoute): Json {
  const op: Operation = API_OPERATIONS[route];
  const gate: ApiGate = API_GATES[route];
  const needs =
    gate.caller === 'api'
      ? [
          gate.permission ? `the \`${gate.permission}\` permission` : null,
          'the `api` audience',
          gate.audience ? `the \`${gate.audience}\` audience` : null,
        ].filter(Boolean)
      : [];
  const description = [op.description, needs.length ? `Requires ${needs.join(' and ')}.` : null]
    .filter(Boolean)
    .join(' ');
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(description ? { description } : {}),
    ...(gate.caller === 'public'
      ? { security: [] }
      : {
          'x-permission': gate.permission ?? null,
          'x-audiences': ['api', ...(gate.audience ? [gate.audience] : [])],
        }),
    parameters: parameters(route, op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(op.body) } },
          },
        }
      : {}),
    responses: {
      [String(op.status)]: {
        description: op.response ? 'OK' : 'Done; no body.',
        headers: requestIdHeader,
        ...(op.response
          ? { content: { 'application/json': { schema: schemaOf(op.response) } } }
          : {}),
      },
      ...refusals(route, op, gate),
    },
  };
}

function paths(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const route of Object.keys(API_OPERATIONS) as ApiRoute[]) {
    const [method, path] = route.split(' ') as [string, string];
    const key = path.replace(/^\/api\/v1/, '');
    out[key] = { ...out[key], [method.toLowerCase()]: operation(route) };
  }
  return out;
}

function buildDocument() {
  const str = { type: 'string' };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Organisation dashboard API',
      version: '1.0.0',
      description: `Users, roles, invitations, streams, tags, playback tokens and the audit log of one organisation. Authenticate with a bintu token (\`Authorization: Bearer ${BINTU_TOKEN_PREFIX}…\`, from POST /auth/token or the Account page) or the organisation API key (\`X-API-Key: ${API_KEY_PREFIX}…\`, acts as Admin). Errors are \`{ "error": { "code", "message" } }\`. Each operation names the permission (\`x-permission\`) and audiences (\`x-audiences\`) it requires.`,
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
        Forbidden: errorResponse('Your role lacks the permission or the audience this needs.'),
        NotFound: errorResponse('Nothing with this id in your organisation.'),
        Conflict: errorResponse(
          'The current state does not allow it (a name taken, the last admin).',
        ),
        Invalid: errorResponse(
          'The input is not valid: `fields` names each field and what is wrong.',
        ),
        Unauthenticated: errorResponse('No valid bintu token or API key.', {
          'WWW-Authenticate': { schema: str, description: '`Bearer realm="api"`' },
        }),
        RateLimited: errorResponse('Too many requests from this caller.', {
          'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' },
        }),
        InternalError: errorResponse('An unexpected error; the body names the request id.'),
      },
      schemas: components(),
    },
    paths: paths(),
  };
}

export const openApiDocument = buildDocument();
