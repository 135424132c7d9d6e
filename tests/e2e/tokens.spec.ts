import { randomBytes } from 'node:crypto';
import { signIn } from './support/auth';
import { E2E } from './support/constants';
import { SESSION, SIGNED_OUT, expect, test } from './support/sessions';
import { BINTU_TOKEN_PATTERN } from '../../lib/credentials';

// eli.viewer is changed by this file only (see users.spec.ts for the others), and signs
// in with a session of their own, since resetting their token is the point.
const MEMBER = 'eli.viewer@example.com';

test('a token from the Account page calls the API until an admin resets it from the user list', async ({
  page,
  openPage,
  playwright,
}) => {
  await signIn(page, MEMBER, E2E.memberPassword);
  await page.goto('/account');
  await page.getByRole('button', { name: 'Get bintu token' }).click();
  const token = await page.getByLabel('Bintu token').inputValue();
  expect(token).toMatch(BINTU_TOKEN_PATTERN);

  // A plain HTTP client, no cookies: only the bearer token.
  const api = await playwright.request.newContext({
    storageState: SIGNED_OUT,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const me = await api.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ account: { email: MEMBER }, role: { name: 'ReadOnly' } });
  // Newest first, so a stream the refused call had created would lead the list.
  const newestStreams = async () => {
    const res = await api.get('/api/v1/streams');
    expect(res.status()).toBe(200);
    return ((await res.json()).data as { name: string }[]).map((s) => s.name);
  };
  expect((await newestStreams()).length).toBeGreaterThan(0);
  const name = `Not allowed ${randomBytes(4).toString('hex')}`;
  const refused = await api.post('/api/v1/streams', { data: { name } });
  expect(refused.status()).toBe(403);
  expect(await newestStreams()).not.toContain(name);

  const admin = await openPage('admin');
  await admin.goto(`/organisation/users?q=${encodeURIComponent(MEMBER)}`);
  const row = admin
    .getByRole('table', { name: /^Users of/ })
    .locator('tbody tr')
    .filter({ hasText: MEMBER });
  await row.getByRole('button', { name: 'Reset User Token' }).click();
  await admin
    .getByRole('alertdialog', { name: 'Reset User Token' })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await expect(admin.getByRole('alertdialog')).toBeHidden();

  const after = await api.get('/api/v1/me');
  expect(after.status()).toBe(401);
  expect(await after.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  await api.dispose();
});

test('the OpenAPI document is served', async ({ request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toBe('3.1.0');
});

test.describe('signed in as the admin', () => {
  test.use({ storageState: SESSION.admin });

  test('the API reference opens from the Overview tab and lists every operation of the document', async ({
    page,
    request,
  }) => {
    const document = await (await request.get('/api/v1/openapi.json')).json();
    const operations = Object.values(document.paths as Record<string, object>).flatMap((ops) =>
      Object.keys(ops),
    );
    await page.goto('/organisation');
    await page
      .getByRole('region', { name: 'REST API' })
      .getByRole('link', { name: 'API reference' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Operations' });
    await expect(nav.getByRole('link')).toHaveCount(operations.length);
    await nav.getByRole('link', { name: /PUT \/streams\/\{id\}\/tags/ }).click();
    const section = page.getByRole('region', { name: 'PUT /streams/{id}/tags' });
    await expect(section).toBeInViewport();
    await expect(section.getByText('tags:write', { exact: false })).toBeVisible();
    await section.getByRole('link', { name: 'Stream' }).first().click();
    await expect(page.getByRole('region', { name: 'Stream', exact: true })).toBeInViewport();
  });
});
