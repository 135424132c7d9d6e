import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { signUp, uniqueEmail } from './support/auth';
import { E2E_RATE_LIMITS } from './support/constants';
import { SIGNED_OUT, expect, test } from './support/sessions';

// Refusals over HTTP against the production server, as an attacker would send them
// (docs/security.md): each used to answer 500, or to trust what the client claimed.

test.use({ storageState: SIGNED_OUT });

/** An action id of the build, as an attacker reads it from the server's manifest. */
function actionId(name: string): string {
  const manifest = JSON.parse(
    readFileSync('.next/server/server-reference-manifest.json', 'utf8'),
  ) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, e]) => e.exportedName === name)?.[0];
  expect(id, name).toBeTruthy();
  return id!;
}

const origin = (baseURL: string | undefined) => new URL(baseURL!).origin;

test('methods outside HTTP’s usual set, and routes’ missing methods, are refused cleanly', async ({
  request,
}) => {
  const trace = await request.fetch('/sign-in', { method: 'TRACE' });
  expect(trace.status()).toBe(405);
  expect(trace.headers()['allow']).toContain('GET');

  const put = await request.fetch('/api/v1/users', { method: 'PUT', data: {} });
  expect(put.status()).toBe(405);
  expect((await put.json()).error.code).toBe('method_not_allowed');
  const nowhere = await request.get('/api/v1/no-such-thing');
  expect(nowhere.status()).toBe(404);
});

test('a server action from another site, or with an unknown id, is refused before page code', async ({
  request,
  baseURL,
}) => {
  const id = actionId('signInAction');
  const foreign = await request.post('/sign-in', {
    headers: { 'Next-Action': id, Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
    data: '[]',
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({
    error: { code: 'forbidden', message: 'Cross-site request refused.' },
  });

  const unknown = await request.post('/sign-in', {
    headers: { 'Next-Action': 'ff'.repeat(21), Origin: origin(baseURL) },
    data: '[]',
  });
  expect(unknown.status()).toBe(404);

  // The same origin, with arguments that are not a form: a clear refusal, not a 500.
  for (const body of ['[]', '[{},"x"]', '[null,[1,2]]', '"x"']) {
    const res = await request.post('/sign-in', {
      headers: { 'Next-Action': id, Origin: origin(baseURL), 'Content-Type': 'text/plain' },
      data: body,
    });
    expect(res.status(), body).toBeLessThan(500);
    expect(await res.text(), body).toContain('This request was not understood');
  }
});

async function tokenAttempt(request: APIRequestContext, email: string, claimedIp: string) {
  return request.post('/api/v1/auth/token', {
    headers: { 'X-Forwarded-For': claimedIp, 'X-Real-IP': claimedIp },
    data: { email, password: 'not the password' },
  });
}

test('a client cannot reset the sign-in limit by claiming another address', async ({ request }) => {
  // An address with no account: the limit counts tries for it all the same, and no
  // other sign-in (such as the one that follows a sign-up) has counted towards it.
  const email = uniqueEmail('spoofer');
  const { limit } = E2E_RATE_LIMITS.signIn;
  for (let i = 1; i <= limit; i++) {
    const res = await tokenAttempt(request, email, `198.51.100.${i}`);
    expect(res.status(), `attempt ${i}`).toBe(401);
  }
  // A new claimed address each time, and still the same client: refused.
  const refused = await tokenAttempt(request, email, '203.0.113.250');
  expect(refused.status()).toBe(429);
});

test('the audit log records the socket’s address, not the one a client claims', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    storageState: SIGNED_OUT,
    extraHTTPHeaders: { 'X-Forwarded-For': '=1+1', 'X-Real-IP': '=1+1' },
  });
  const page = await context.newPage();
  const email = uniqueEmail('claims');
  const password = 'claims password 123';
  await signUp(page, email, password);
  await expect(page).toHaveURL(/\/organisation$/);

  const token = await page.request.post(`${baseURL}/api/v1/auth/token`, {
    data: { email, password },
  });
  expect(token.status()).toBe(201);
  const audit = await page.request.get(`${baseURL}/api/v1/audit`, {
    headers: { Authorization: `Bearer ${(await token.json()).token}` },
  });
  const events = (await audit.json()).data as { action: string; ip: string | null }[];
  const created = events.find((e) => e.action === 'organisation.created');
  expect(created?.ip).toBe('127.0.0.1');
  expect(events.some((e) => e.ip === '=1+1')).toBe(false);
  await context.close();
});

test('a forwarded host a client sends does not shape redirects', async ({ request }) => {
  const res = await request.get('/organisation/users', {
    headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(307);
  const location = new URL(res.headers()['location']!, 'http://placeholder');
  expect(location.host).not.toBe('evil.example');
  expect(location.pathname).toBe('/sign-in');
});

test('pages allow only scripts carrying this response’s nonce', async ({ request }) => {
  const [a, b] = await Promise.all([request.get('/sign-in'), request.get('/sign-in')]);
  const policy = a.headers()['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(b.headers()['content-security-policy']).not.toContain(nonce!);
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});
