import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

const API_ROOT = path.resolve('app/api/v1');
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

describe('the OpenAPI document', () => {
  it('describes exactly the routes that exist', () => {
    expect(routesInDocument()).toEqual(routesOnDisk());
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
