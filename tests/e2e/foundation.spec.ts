import { expect, test } from '@playwright/test';
import { signIn, signUp, uniqueEmail } from './support/auth';
import { E2E } from './support/constants';

test('sign up, land on the organisation, sign out, sign in again', async ({ page }) => {
  const email = uniqueEmail('founder');
  const password = 'a long enough password';
  await signUp(page, email, password, 'Founders Live');
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Founders Live' })).toBeVisible();
  await expect(page.getByText('Admin', { exact: true }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Profile menu' }).click();
  await expect(page.getByRole('menuitem', { name: 'Invite New User' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.goto('/organisation');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forganisation/);
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1, name: 'Founders Live' })).toBeVisible();
});

test('sign-up explains bad input at the field and creates nothing', async ({ page }) => {
  await signUp(page, 'not-an-email', 'short');
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  await signUp(page, E2E.adminEmail, 'another long password');
  await expect(page.getByText('An account with this email already exists')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E.userEmail);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/do not match an account/);
});

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test('the mobile menu reaches the Account section', async ({ page }) => {
    await signIn(page, E2E.adminEmail, E2E.adminPassword);
    await expect(page.getByRole('button', { name: 'Profile menu' })).toBeHidden();
    await page.getByRole('button', { name: 'Open menu' }).click();
    const menu = page.getByRole('dialog', { name: 'Menu' });
    await expect(menu.getByRole('heading', { name: 'Account' })).toBeVisible();
    await menu.getByRole('link', { name: 'My Organisation' }).click();
    await expect(page).toHaveURL(/\/organisation\/users/);
  });
});

test('a ReadOnly member cannot change anything under /organisation', async ({ page }) => {
  await signIn(page, E2E.readonlyEmail, E2E.memberPassword);
  const response = await page.request.post('/organisation/users', {
    form: { anything: '1' },
    headers: { 'next-action': 'deadbeef' },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
});

test('unknown pages get a proper 404', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('pages carry security headers', async ({ page }) => {
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
});
