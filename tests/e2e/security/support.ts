import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { decode } from 'next-auth/jwt';
import { E2E } from '../support/constants';
import { mailsTo } from '../support/mail-catcher';

// The plumbing of the security specs: posting server actions by id the way React encodes
// them, calling the REST API, listing what the app serves, rate-limit budgets, sessions.

const ROOT = process.cwd();
const require = createRequire(path.join(ROOT, 'package.json'));

// React's own encoder, the one the browser uses for `action(prevState, formData)`.
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.edge.js') as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

let origin = '';
/** The server's origin, for the same-origin `Origin` header of action posts. */
export function useOrigin(baseURL: string | undefined) {
  if (!baseURL) throw new Error('The config sets no baseURL.');
  origin = baseURL.replace(/\/+$/, '');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends once more when the connection was reset: a kept-alive socket the server closed
 * as the request went out (the server's 5 s keep-alive) carried nothing to it.
 */
export async function resend<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!/ECONNRESET|socket hang up|EPIPE/.test(String(err))) throw err;
    await sleep(200);
    return send();
  }
}

// ---------------------------------------------------------------------------------
// What the app serves, listed from the build and the source tree.

export interface ActionRef {
  name: string;
  id: string;
  /** A page that uses the action: where a browser would post it. */
  page: string;
}

/** `app/(dashboard)/organisation/users/[userId]/page.tsx` → `/organisation/users/[userId]`. */
export function routeOf(file: string): string {
  const route = file
    .replace(/\\/g, '/')
    .replace(/^app/, '')
    .replace(/\/(page|route)(\.tsx?)?$/, '')
    .split('/')
    .filter((part) => part && !/^\(.*\)$/.test(part))
    .join('/');
  return `/${route}`;
}

/** Every server action of the build, by the id an attacker reads from the manifest. */
export function serverActions(): ActionRef[] {
  const file = path.join(ROOT, '.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const pages = Object.keys(entry.workers)
      .filter((w) => w.endsWith('/page'))
      .map(routeOf);
    const page = pages.find((p) => !p.includes('[')) ?? pages[0] ?? '/';
    return { id, name: entry.exportedName ?? `(unnamed ${id})`, page: fillParams(page) };
  });
}

/** Dynamic segments of a posting page are irrelevant to the action: any value will do. */
function fillParams(route: string) {
  return route.replace(/\[[^\]]+\]/g, 'matrix');
}

function files(dir: string, name: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && name.test(d.name))
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)));
}

/** Every page of the app, as a route pattern. */
export function pageRoutes(): string[] {
  return files('app', /^page\.tsx?$/)
    .map(routeOf)
    .sort();
}

/** `GET /path` of the route handlers outside /api (downloads and the like). */
export function otherGetRoutes(): string[] {
  return files('app', /^route\.ts$/)
    .filter((f) => !f.replace(/\\/g, '/').startsWith('app/api/'))
    .filter((f) =>
      /^export (?:async function|const|function) GET\b/m.test(
        readFileSync(path.join(ROOT, f), 'utf8'),
      ),
    )
    .map((f) => `GET ${routeOf(f)}`)
    .sort();
}

/** `METHOD /api/v1/...` of every route handler method, `{id}` for a dynamic segment. */
export function apiRouteKeys(): string[] {
  const out: string[] = [];
  for (const file of files('app/api/v1', /^route\.ts$/)) {
    const route = routeOf(file).replace(/\[(\w+)\]/g, '{$1}');
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of source.matchAll(
      /^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm,
    ))
      out.push(`${m[1]} ${route}`);
  }
  return out.sort();
}

// ---------------------------------------------------------------------------------
// Server actions, posted by id.

export interface ActionOutcome {
  status: number;
  /** The middleware's JSON refusal. */
  refusal?: { code: string; message: string };
  /** What the action returned. */
  state?: Record<string, unknown>;
  /** Where the action redirected (`x-action-redirect`), as a path. */
  redirect?: string;
  /** The action threw (an error row in the stream). */
  thrown: boolean;
  text: string;
}

/** Arguments as React encodes them, or a raw body nobody's form would send. */
export type ActionArgs = unknown[] | { raw: string };

export function form(fields: Record<string, string | readonly string[] | Blob>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' || value instanceof Blob) data.append(key, value);
    else for (const v of value) data.append(key, v);
  }
  return data;
}

export async function postAction(
  ctx: APIRequestContext,
  action: ActionRef,
  args: ActionArgs,
  headers: Record<string, string> = {},
): Promise<ActionOutcome> {
  const body = Array.isArray(args) ? await encodeReply(args) : args.raw;
  const common = {
    'Next-Action': action.id,
    Origin: origin,
    Accept: 'text/x-component',
    ...headers,
  };
  const res = await resend(() =>
    typeof body === 'string'
      ? ctx.post(action.page, {
          headers: { ...common, 'Content-Type': 'text/plain;charset=UTF-8' },
          data: body,
          maxRedirects: 0,
        })
      : ctx.post(action.page, { headers: common, multipart: body, maxRedirects: 0 }),
  );
  const text = await res.text();
  const type = res.headers()['content-type'] ?? '';
  const outcome: ActionOutcome = { status: res.status(), thrown: false, text };
  const redirect = res.headers()['x-action-redirect'];
  if (redirect) outcome.redirect = asPath(redirect.replace(/;(push|replace)$/, ''));
  if (type.includes('application/json')) {
    outcome.refusal = (JSON.parse(text) as { error: { code: string; message: string } }).error;
  } else if (type.includes('text/x-component')) {
    Object.assign(outcome, actionResult(text));
  }
  return outcome;
}

/** The action's row of an RSC stream: row 0 names it (`"a":"$@1"`). */
function actionResult(text: string): { state?: Record<string, unknown>; thrown: boolean } {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    // `s`: a row may hold U+2028 or U+2029 (allowed in names), which `.` does not match.
    const m = /^([0-9a-f]+):(.*)$/s.exec(line);
    if (m && !rows.has(m[1]!)) rows.set(m[1]!, m[2]!);
  }
  const head = rows.get('0');
  if (!head?.startsWith('{')) return { thrown: false };
  const a = (JSON.parse(head) as { a?: unknown }).a;
  if (typeof a !== 'string' || !a.startsWith('$@')) {
    return { thrown: false, state: a as Record<string, unknown> };
  }
  const row = rows.get(a.slice(2));
  if (row === undefined) return { thrown: false };
  if (row.startsWith('E')) return { thrown: true };
  return { thrown: false, state: JSON.parse(row) as Record<string, unknown> };
}

export function asPath(url: string): string {
  const u = new URL(url, 'http://x.invalid');
  return u.pathname + u.search;
}

// ---------------------------------------------------------------------------------
// The REST API.

export interface ApiResponse {
  status: number;
  body: unknown;
  text: string;
}

/**
 * One REST call. A 429 is waited out and retried: a rate limit says nothing about who
 * may do what, and the matrix sends more requests in a minute than a client would.
 */
export async function api(
  ctx: APIRequestContext,
  method: string,
  url: string,
  opts: { headers?: Record<string, string>; data?: unknown } = {},
): Promise<ApiResponse> {
  for (let attempt = 0; ; attempt++) {
    const json = opts.data !== undefined;
    const res = await resend(() =>
      ctx.fetch(url, {
        method,
        headers: { ...opts.headers, ...(json ? { 'Content-Type': 'application/json' } : {}) },
        ...(json ? { data: JSON.stringify(opts.data) } : {}),
        maxRedirects: 0,
      }),
    );
    const text = await res.text();
    if (res.status() === 429 && attempt < 2) {
      console.log(`429 on ${method} ${url}: waiting ${res.headers()['retry-after']} s`);
      await sleep(1000 * Math.min(61, Number(res.headers()['retry-after'] ?? 5) + 1));
      continue;
    }
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status(), body, text };
  }
}

/** A successful call's JSON body, or a thrown error naming the call. */
export async function apiOk<T>(
  ctx: APIRequestContext,
  method: string,
  url: string,
  opts: { headers?: Record<string, string>; data?: unknown } = {},
): Promise<T> {
  const res = await api(ctx, method, url, opts);
  if (res.status >= 300)
    throw new Error(`${method} ${url}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body as T;
}

export const keyHeader = (apiKey: string) => ({ 'X-API-Key': apiKey });
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

// ---------------------------------------------------------------------------------
// Rate limits: the app counts per client address, and every request here comes from
// 127.0.0.1. A window is modelled the way lib/services/rate-limit.ts keeps it (fixed,
// from its first hit), so a request that must not be limited waits for a fresh one.

export class Budget {
  private start = 0;
  private used = 0;
  private queue: Promise<void> = Promise.resolve();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one hit, first waiting for the next window when this one is spent. */
  take(): Promise<void> {
    this.queue = this.queue.then(async () => {
      const now = Date.now();
      const end = this.start + this.windowMs + 1500;
      if (now >= end) {
        this.start = now;
        this.used = 0;
      } else if (this.used >= this.limit) {
        await sleep(end - now);
        this.start = Date.now();
        this.used = 0;
      }
      this.used++;
    });
    return this.queue;
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

// ---------------------------------------------------------------------------------
// Sessions.

const SESSION_COOKIE = 'authjs.session-token';

/** The server-side session id a context's session cookie carries. */
export async function sessionIdOf(ctx: APIRequestContext): Promise<string> {
  const cookie = (await ctx.storageState()).cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('No session cookie.');
  const token = await decode({ token: cookie.value, secret: E2E.authSecret, salt: cookie.name });
  if (typeof token?.sid !== 'string') throw new Error('The session cookie names no session.');
  return token.sid;
}

/** Whether a context's session still works: a signed-in page, or where it is sent instead. */
export async function sessionState(
  ctx: APIRequestContext,
): Promise<'member' | 'account' | 'ended'> {
  const res = await resend(() => ctx.get('/account', { maxRedirects: 0 }));
  if (res.status() === 200) return 'member';
  const to = asPath(res.headers()['location'] ?? '');
  return to.startsWith('/no-access') ? 'account' : 'ended';
}

/**
 * Signs a context in by posting the sign-in action, as the form does. Waits out the
 * sign-in rate limit once (other specs sign in from the same address).
 */
export async function signInAs(
  ctx: APIRequestContext,
  signInAction: ActionRef,
  email: string,
  password: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await postAction(ctx, signInAction, [
      {},
      form({ email, password, callbackUrl: '/organisation' }),
    ]);
    if (res.redirect) return;
    const error = String(res.state?.error ?? res.refusal?.message ?? res.status);
    if (attempt === 0 && /too many/i.test(error)) {
      await sleep(61_000);
      continue;
    }
    throw new Error(`Sign-in of ${email} failed: ${error}`);
  }
}

/** Signs up through the form's action; `callbackUrl` an invite link for an account only. */
export async function signUpAs(
  ctx: APIRequestContext,
  actionRef: (name: 'signUpAction' | 'confirmSignUpAction') => ActionRef,
  fields: { email: string; password: string; organisationName?: string; callbackUrl: string },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await postAction(ctx, actionRef('signUpAction'), [{}, form({ ...fields })]);
    if (res.state?.ok === true) break;
    const error = JSON.stringify(res.state ?? res.refusal ?? res.status);
    if (attempt === 0 && /too many/i.test(error)) {
      await sleep(61_000);
      continue;
    }
    throw new Error(`Sign-up of ${fields.email} failed: ${error}`);
  }
  // The account is made by the link of the confirmation mail (docs/email.md).
  let token: string | undefined;
  for (let waited = 0; !token && waited < 15_000; waited += 250) {
    token = mailsTo(fields.email)
      .map((m) => /\/confirm-email\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1])
      .find(Boolean);
    if (!token) await sleep(250);
  }
  if (!token) throw new Error(`No confirmation mail for ${fields.email}`);
  const confirmed = await postAction(ctx, actionRef('confirmSignUpAction'), [{}, form({ token })]);
  if (!confirmed.redirect)
    throw new Error(`Confirming ${fields.email} failed: ${JSON.stringify(confirmed.state)}`);
}
