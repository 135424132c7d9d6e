import { expect, test } from '@playwright/test';
import { signIn } from './support/auth';
import { E2E } from './support/constants';

const MEMBER = 'eli.viewer@example.com';

test('a token from the Account page calls the API until an admin resets it from the user list', async ({
  page,
  browser,
  playwright,
}) => {
  await signIn(page, MEMBER, E2E.memberPassword);
  await page.goto('/account');
  await page.getByRole('button', { name: 'Get bintu token' }).click();
  const token = await page.getByLabel('Bintu token').inputValue();
  expect(token).toMatch(/^bt_/);

  // A plain HTTP client, no cookies: only the bearer token.
  const api = await playwright.request.newContext({
    baseURL: page.url().replace(/\/account.*$/, ''),
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const me = await api.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ account: { email: MEMBER }, role: { name: 'ReadOnly' } });
  expect((await api.get('/api/v1/streams')).status()).toBe(200);
  expect((await api.post('/api/v1/streams', { data: { name: 'Not allowed' } })).status()).toBe(403);

  const admin = await browser.newPage();
  await signIn(admin, E2E.adminEmail, E2E.adminPassword);
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
  await admin.close();
});

test('the OpenAPI document is served', async ({ request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toBe('3.1.0');
});
