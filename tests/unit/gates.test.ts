import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_GATES, API_GATES, apiGate, apiPathExists } from '@/lib/rbac';

// The gate table (lib/rbac/gates.ts) is held to the code: a new server action or route
// method without an entry fails here, and so does an entry left behind by a removal.

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && match(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

/** Exported names of every 'use server' module under app/. */
function serverActions(): string[] {
  const names: string[] = [];
  for (const file of files('app', (n) => /\.tsx?$/.test(n))) {
    const source = readFileSync(file, 'utf8');
    if (!/^\s*['"]use server['"]/.test(source)) continue;
    for (const m of source.matchAll(/^export (?:async function|const) (\w+)/gm)) names.push(m[1]!);
  }
  return names.sort();
}

/** `METHOD /api/v1/...` for every route handler method, `{id}` for a dynamic segment. */
function apiRoutes(): string[] {
  const out: string[] = [];
  for (const file of files('app/api/v1', (n) => n === 'route.ts')) {
    const route = path
      .dirname(file)
      .replace(/^app/, '')
      .replace(/\[(\w+)\]/g, '{$1}');
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm,
    ))
      out.push(`${m[1]} ${route}`);
  }
  return out.sort();
}

describe('the gate table', () => {
  it('has exactly one entry per server action', () => {
    expect(serverActions()).toEqual(Object.keys(ACTION_GATES).sort());
  });

  it('has exactly one entry per REST route and method', () => {
    expect(apiRoutes()).toEqual(Object.keys(API_GATES).sort());
  });

  it('matches paths with their parameters, and nothing else', () => {
    const id = '0b6f4e1a-8f6d-4a59-9a53-3f1f6a0b1c2d';
    expect(apiGate('PATCH', `/api/v1/users/${id}`)).toEqual({
      caller: 'api',
      permission: 'users:update',
    });
    expect(apiGate('POST', `/api/v1/users/${id}/reset-token`)).toMatchObject({
      permission: 'users:reset-token',
    });
    expect(apiGate('POST', '/api/v1/users')).toBeUndefined();
    expect(apiPathExists('/api/v1/users')).toBe(true);
    expect(apiGate('GET', '/api/v1/users/a/b')).toBeUndefined();
    expect(apiPathExists('/api/v1/nothing')).toBe(false);
    expect(apiGate('GET', '/api/v1/openapiXjson')).toBeUndefined();
    // A path written out wins over one with an id in its place, as in the router.
    expect(apiGate('POST', '/api/v1/users/bulk')).toMatchObject({ permission: 'users:read' });
    expect(apiGate('GET', '/api/v1/users/bulk')).toBeUndefined();
    expect(apiGate('PATCH', '/api/v1/users/bulk')).toBeUndefined();
    expect(apiPathExists('/api/v1/users/bulk')).toBe(true);
  });

  it('names a permission for every mutation but the public ones', () => {
    for (const [key, gate] of Object.entries(API_GATES)) {
      if (key.startsWith('GET ') || gate.caller === 'public') continue;
      expect(gate, key).toHaveProperty('permission');
    }
  });
});
