/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of any shape */
import { NextRequest } from 'next/server';

type RouteHandler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

/**
 * Calls a route handler of app/api/v1 the way Next.js does: a real Request in, a real
 * Response out, through the same authentication and error handling.
 */
export async function call(
  handler: RouteHandler,
  opts: {
    method?: string;
    path?: string;
    token?: string;
    apiKey?: string;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
    /** More request headers (User-Agent, X-Request-Id, …), set last. */
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers({
    'content-type': 'application/json',
    'x-forwarded-for': '198.51.100.7',
  });
  if (opts.token) headers.set('authorization', `Bearer ${opts.token}`);
  if (opts.apiKey) headers.set('x-api-key', opts.apiKey);
  for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);
  const req = new NextRequest(`http://localhost${opts.path ?? '/api/v1/test'}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
