import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { openApiDocument } from '@/lib/api/openapi';
import { API_KEY_PREFIX, BINTU_TOKEN_PREFIX } from '@/lib/credentials';
import { PLAUSIBLE, hostileJson, hostileString, withControl } from '../../support/fuzz';
import type { call } from './api';

// The route handlers of app/api/v1, found by reading the folder, and hostile requests for
// them. The OpenAPI document tells which query parameters and body fields a route reads:
// requests keep most of those plausible and make one or two hostile, so that a bad value
// gets past the checks in front of it. Fully random requests are mixed in.

const API_ROOT = path.resolve('app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export type Handler = Parameters<typeof call>[0];
export interface Route {
  /** "PATCH /api/v1/tags/[id]" */
  name: string;
  url: string;
  params: string[];
  method: (typeof METHODS)[number];
  handler: Handler;
}

/** Every exported method of every route.ts under app/api/v1. */
export async function discoverRoutes(dir = API_ROOT): Promise<Route[]> {
  const found: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await discoverRoutes(full)));
    else if (entry.name === 'route.ts') {
      const url = `/api/v1/${path.relative(API_ROOT, dir).split(path.sep).join('/')}`;
      const params = [...url.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
      const mod = (await import(full)) as Record<string, unknown>;
      for (const method of METHODS) {
        const handler = mod[method];
        if (typeof handler === 'function')
          found.push({
            name: `${method} ${url}`,
            url,
            params,
            method,
            handler: handler as Handler,
          });
      }
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

type JsonSchema = {
  type?: string | string[];
  format?: string;
  const?: unknown;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  oneOf?: JsonSchema[];
};
type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
};

/**
 * The query parameters the OpenAPI document gives for a route, and its body's fields: one
 * set of fields per alternative of a `oneOf` (each with the fields common to all).
 */
function documented(route: Route): { query: string[]; bodies: Record<string, JsonSchema>[] } {
  const docPath = route.url.replace('/api/v1', '').replace(/\[(\w+)\]/g, '{$1}');
  const paths = openApiDocument.paths as unknown as Record<string, Record<string, Operation>>;
  const op = paths[docPath]?.[route.method.toLowerCase()];
  const query = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const body = op?.requestBody?.content['application/json'].schema;
  const common: Record<string, JsonSchema> = { ...body?.properties };
  const bodies = body?.oneOf?.map((alt) => ({ ...common, ...alt.properties })) ?? [common];
  return { query, bodies: bodies.filter((b) => Object.keys(b).length > 0) };
}

const RAW_QUERIES = [
  '%00',
  'q=%00',
  'actor=%00&targetId=%00',
  'q=%',
  'q=%ZZ',
  'q=%C0%80',
  'q=%ED%A0%80',
  'q=a&q=%00',
  'tag=%00&state=live',
  'cursor=%00',
  '&&&==&',
  'size=1e309&page=-1&limit=NaN',
];
const RAW_BODIES = [
  '',
  ' ',
  '{',
  '{"name":',
  'null',
  '[]',
  '"text"',
  '1e999',
  'true',
  '\u0000',
  '\ufeff{}',
  '{"name":"a\\u0000b"}',
  '{"__proto__":{"polluted":true},"name":"x"}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"name":"x","name":"y\\u0000"}',
  '['.repeat(100_000),
  '['.repeat(5_000) + ']'.repeat(5_000),
];

/** encodeURIComponent, or the text as it is where it cannot encode (a lone surrogate). */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface Pools {
  /** Ids of rows of the fuzzed organisation (members, roles, streams, tags, invitations). */
  ids: string[];
  /** Ids of rows of another organisation. */
  foreignIds: string[];
  /** Strings that pass somewhere: the admin's email and password, tag names, … */
  plausible: string[];
  /** Keys of every object schema of lib/validation. */
  bodyKeys: string[];
}

export interface FuzzRequest {
  params: Record<string, string>;
  query: string;
  body?: { json: unknown } | { raw: string };
  /** For the forged caller: a bearer token (true) or an API key (false), and its text. */
  forged: [boolean, string];
  /** Headers a client chooses: User-Agent, X-Request-Id, X-Forwarded-For, Content-Type. */
  headers: Record<string, string>;
}

/** A header value as HTTP carries it: bytes 0x01–0xFF but CR and LF, as Latin-1 text. */
const headerValue = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 1, max: 0xff })
      .filter((c) => c !== 0x0a && c !== 0x0d)
      .map((c) => String.fromCharCode(c)),
    maxLength: 80,
  }),
  fc.constantFrom(
    'Mozilla/5.0\u0085\u009b31m',
    '\u001b[2J',
    "'; DROP TABLE audit_events; --",
    '<script>alert(1)</script>',
    '::1',
    '203.0.113.9, 10.0.0.1',
    'fe80::1%eth0',
    '[::1]',
    'x'.repeat(4_000),
  ),
);

/** Hostile requests for `route`. */
export function requests(route: Route, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pools.ids) },
    { weight: 1, arbitrary: fc.constantFrom(...pools.foreignIds) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom('%00', '\u0000', `${pools.ids[0]}\u0000`, '') },
  );
  const text = fc.constantFrom(...pools.plausible, ...PLAUSIBLE);

  // A plausible value for a documented field, and a hostile one close to it.
  const plausible = (s: JsonSchema): fc.Arbitrary<unknown> => {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.format === 'uuid') return fc.constantFrom(...pools.ids);
    if (s.type === 'array')
      return fc.array(plausible(s.items ?? {}), { minLength: 1, maxLength: 3 });
    if (s.type === 'integer')
      return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1_000_000 });
    return text;
  };
  const hostile = (s: JsonSchema): fc.Arbitrary<unknown> =>
    fc.oneof(
      { weight: 4, arbitrary: withControl(text) },
      { weight: 2, arbitrary: hostileString },
      s.type === 'array' ? fc.array(withControl(text), { minLength: 1, maxLength: 3 }) : id,
      hostileJson(pools.bodyKeys),
    );
  // Present three times in four; half of the time plausible, half hostile.
  const field = (s: JsonSchema) =>
    fc.oneof(
      { weight: 3, arbitrary: plausible(s) },
      { weight: 3, arbitrary: hostile(s) },
      { weight: 2, arbitrary: fc.constant(undefined) },
    );

  const { query: queryKeys, bodies } = documented(route);
  const anyValue = fc.oneof(
    { weight: 4, arbitrary: hostileString },
    { weight: 3, arbitrary: id },
    { weight: 2, arbitrary: text },
    fc.array(id, { maxLength: 3 }),
    fc.array(hostileString, { maxLength: 3 }),
    fc.integer(),
    fc.constantFrom(true, false, null, 60, 3600, 86_400 * 400),
    hostileJson(pools.bodyKeys),
  );
  const documentedBody = bodies.length
    ? fc.oneof(
        ...bodies.map((fields) =>
          fc.record(Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, field(s)]))),
        ),
      )
    : fc.constant({});
  const body = fc.oneof(
    { weight: 6, arbitrary: documentedBody.map((json) => ({ json })) },
    {
      weight: 2,
      arbitrary: fc
        .dictionary(fc.constantFrom(...pools.bodyKeys), anyValue, { maxKeys: 5 })
        .map((json) => ({ json })),
    },
    { weight: 1, arbitrary: hostileJson(pools.bodyKeys).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ raw })) },
  );

  const queryText = fc.oneof({ weight: 3, arbitrary: text }, id);
  const queryPair = (key: string) => fc.tuple(fc.constant(key), fc.oneof(queryText, hostile({})));
  const pairs = fc.oneof(
    {
      weight: 3,
      arbitrary: queryKeys.length
        ? fc.subarray(queryKeys).chain((keys) => fc.tuple(...keys.map(queryPair)))
        : fc.constant([]),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(hostileString, fc.oneof(hostileString, id)), { maxLength: 4 }),
    },
  );
  const query = fc.oneof(
    {
      weight: 4,
      arbitrary: pairs.map((list) =>
        (list as [string, unknown][])
          .map(([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`)
          .join('&'),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES) },
  );

  const forged = fc.oneof(
    fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
    fc.constantFrom(
      BINTU_TOKEN_PREFIX,
      API_KEY_PREFIX,
      `${BINTU_TOKEN_PREFIX}${'A'.repeat(43)}`,
      `${API_KEY_PREFIX}${'A'.repeat(43)}`,
      'null',
    ),
  );
  const headers = fc.record(
    {
      'user-agent': headerValue,
      'x-request-id': headerValue,
      'x-forwarded-for': headerValue,
      'content-type': fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''),
    },
    { requiredKeys: [], noNullPrototype: true },
  );
  return fc.record({
    params: fc.record(Object.fromEntries(route.params.map((p) => [p, id]))),
    query,
    body: route.method === 'GET' ? fc.constant(undefined) : body,
    forged: fc.tuple(fc.boolean(), forged),
    headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, headers),
  }) as fc.Arbitrary<FuzzRequest>;
}
