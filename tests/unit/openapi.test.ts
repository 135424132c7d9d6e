import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_OPERATIONS } from '@/lib/api/operations';
import { openApiDocument } from '@/lib/api/openapi';
import { API_GATES } from '@/lib/rbac';

const API_ROOT = path.resolve('app/api/v1');

type DocOperation = {
  parameters: { name: string; schema: unknown }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, unknown>;
};
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route handler under app/api/v1 as "METHOD /path" with {params}. */
function routesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const route = `/${path.relative(API_ROOT, dir)}`
          .replace(/\[(\w+)\]/g, '{$1}')
          .replace(/\\/g, '/');
        const source = readFileSync(full, 'utf8');
        for (const m of METHODS) {
          if (new RegExp(`export (const|async function|function) ${m}\\b`).test(source))
            found.push(`${m} ${route}`);
        }
      }
    }
  };
  walk(API_ROOT);
  return found.sort();
}

function routesInDocument(): string[] {
  return Object.entries(openApiDocument.paths)
    .flatMap(([route, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${route}`))
    .sort();
}

/** Each `export const METHOD = apiRoute('<row>'` of a route file, as "METHOD /path" and its row. */
function handlersOnDisk(): { file: string; route: string; row: string | null }[] {
  return routesOnDisk().map((route) => {
    const [method, docPath] = route.split(' ') as [string, string];
    const file = path.join(API_ROOT, docPath.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');
    const source = readFileSync(file, 'utf8');
    const row = new RegExp(`export const ${method} = apiRoute\\(\\s*'([^']+)'`).exec(source)?.[1];
    return { file, route: `${method} /api/v1${docPath}`, row: row ?? null };
  });
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes that exist, which are the rows of the operations table', () => {
    expect(routesInDocument()).toEqual(routesOnDisk());
    expect(Object.keys(API_OPERATIONS).sort()).toEqual(Object.keys(API_GATES).sort());
  });

  it('every handler is written with its own row of the table (the document only excepted)', () => {
    for (const { route, row } of handlersOnDisk()) {
      if (route === 'GET /api/v1/openapi.json') continue;
      expect(row, route).toBe(route);
    }
  });

  it('is generated from the schemas: each request is the schema its service parses', () => {
    const paths = openApiDocument.paths as Record<string, Record<string, DocOperation>>;
    const op = (route: string) => {
      const [method, p] = route.split(' ') as [string, string];
      return paths[p.replace('/api/v1', '')]![method.toLowerCase()]!;
    };
    const body = (route: string) => op(route).requestBody?.content['application/json'].schema;
    const param = (route: string, name: string) =>
      op(route).parameters.find((p) => p.name === name)?.schema;
    // A limit changed in lib/validation changes the document.
    expect(body('POST /api/v1/streams')).toMatchObject({
      required: ['name'],
      properties: { name: { minLength: 1, maxLength: 100 }, tags: { maxItems: 20 } },
    });
    expect(body('PUT /api/v1/streams/{id}/tags')).toMatchObject({ required: ['tags'] });
    expect(body('POST /api/v1/invitations')).toMatchObject({
      required: ['roleId'],
      properties: { email: { format: 'email' }, lifetimeDays: { minimum: 1, maximum: 30 } },
    });
    expect(param('GET /api/v1/users', 'size')).toEqual({
      type: 'integer',
      enum: [25, 50, 100],
      default: 25,
    });
    expect(param('GET /api/v1/streams', 'state')).toMatchObject({
      enum: ['created', 'live', 'ended', 'locked'],
    });
    // Every answer is a named schema of lib/api/schemas.ts; a 204 has none.
    for (const [route, row] of Object.entries(API_OPERATIONS) as [
      string,
      { status: number; response?: z.ZodType },
    ][]) {
      const ok = op(route).responses[String(row.status)] as { content?: unknown };
      if (!row.response) expect(ok.content, route).toBeUndefined();
      else
        expect(ok.content, route).toEqual({
          'application/json': {
            schema: { $ref: `#/components/schemas/${z.globalRegistry.get(row.response)!.id}` },
          },
        });
    }
    // The permission and the audiences of the first gate, machine-readable.
    expect(op('POST /api/v1/playback-tokens')).toMatchObject({
      'x-permission': 'playback-tokens:create',
      'x-audiences': ['api', 'playback'],
    });
    expect(op('GET /api/v1/me')).toMatchObject({ 'x-permission': null, 'x-audiences': ['api'] });
  });

  it('passes an OpenAPI 3.1 validator', async () => {
    const result = await new Validator().validate(
      JSON.parse(JSON.stringify(openApiDocument)) as never,
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is OpenAPI 3.1 with its refusals on every authenticated operation', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    for (const [route, ops] of Object.entries(openApiDocument.paths)) {
      for (const [method, op] of Object.entries(ops) as [
        string,
        { security?: unknown[]; responses: Record<string, unknown> },
      ][]) {
        if (op.security?.length === 0) continue;
        expect(Object.keys(op.responses), `${method} ${route}`).toEqual(
          expect.arrayContaining(['401', '403', '429', '500']),
        );
      }
    }
  });
});
