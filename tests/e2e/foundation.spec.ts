import { randomBytes } from 'node:crypto';
import { apiKeyClient, auditEventIds, memberByEmail, readApiKey } from './support/api';
import { signIn, signUp, submitSignUp, uniqueEmail } from './support/auth';
import { mailsTo } from './support/mail-catcher';
import { E2E } from './support/constants';
import { holdServerAction, replay } from './support/server-actions';
import { SESSION, expect, test } from './support/sessions';

// finn.viewer is changed by this file only (see users.spec.ts for the others).
const MEMBER = 'finn.viewer@example.com';

test('sign up, land on the organisation, sign out, sign in again', async ({ page }) => {
  // Its own account: signing out must not end a session other tests share.
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

test('sign-up explains bad input at the field and creates nothing', async ({ page, openPage }) => {
  await submitSignUp(page, 'not-an-email', 'short');
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  const email = uniqueEmail('careful');
  await submitSignUp(page, email, 'short');
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  // An address with an account gets the answer a new one gets; its owner gets a mail
  // saying someone tried, with no link that creates anything.
  const organisation = `Never created ${randomBytes(4).toString('hex')}`;
  const told = () =>
    mailsTo(E2E.adminEmail).filter((m) => m.subject === 'You already have an account');
  const before = told().length;
  await submitSignUp(page, E2E.adminEmail, 'another long password', organisation);
  await expect(page.getByText('Check your inbox')).toBeVisible();
  await expect.poll(() => told().length, { timeout: 15_000 }).toBe(before + 1);
  expect(told().at(-1)!.text).not.toMatch(/confirm-email/);

  // The existing account gained no organisation...
  const admin = await openPage('admin');
  await admin.goto('/account');
  const organisations = admin
    .getByRole('heading', { name: 'Organisations' })
    .locator('xpath=..')
    .getByRole('listitem');
  await expect(organisations.filter({ hasText: E2E.organisation })).toHaveCount(1);
  await expect(organisations.filter({ hasText: organisation })).toHaveCount(0);

  // ...and the email refused for its short password was not taken: it signs up now.
  await signUp(page, email, 'a long enough password');
  await expect(page).toHaveURL(/\/organisation$/);
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E.userEmail);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/do not match an account/);
});

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 390, height: 800 }, storageState: SESSION.admin });

  test('the mobile menu reaches the Account section', async ({ page }) => {
    await page.goto('/organisation');
    await expect(page.getByRole('button', { name: 'Profile menu' })).toBeHidden();
    await page.getByRole('button', { name: 'Open menu' }).click();
    const menu = page.getByRole('dialog', { name: 'Menu' });
    await expect(menu.getByRole('heading', { name: 'Account' })).toBeVisible();
    await menu.getByRole('link', { name: 'My Organisation' }).click();
    await expect(page).toHaveURL(/\/organisation\/users/);
  });
});

test('a ReadOnly member replaying an admin’s change under /organisation is refused, and nothing changes', async ({
  openPage,
  playwright,
}) => {
  const admin = await openPage('admin');
  const readonly = await openPage('readonly');
  const api = await apiKeyClient(playwright, await readApiKey(admin));
  const before = await memberByEmail(api, MEMBER);
  const resets = { action: 'member.token_reset', targetId: before.id };
  const resetsBefore = await auditEventIds(api, resets);

  // An action id that names no action is refused before any page code...
  const bogus = await readonly.request.post('/organisation/users', {
    form: { anything: '1' },
    headers: { 'next-action': 'deadbeef' },
  });
  expect(bogus.status()).toBe(404);
  expect(await bogus.json()).toMatchObject({ error: { code: 'not_found' } });

  // ...and the admin's own Reset User Token, sent again with the ReadOnly session, is
  // forbidden.
  await admin.goto(`/organisation/users?q=${encodeURIComponent(MEMBER)}`);
  const row = admin
    .getByRole('table', { name: /^Users of/ })
    .locator('tbody tr')
    .filter({ hasText: MEMBER });
  await row.getByRole('button', { name: 'Reset User Token' }).click();
  const dialog = admin.getByRole('alertdialog', { name: 'Reset User Token' });
  const held = await holdServerAction(admin, () =>
    dialog.getByRole('button', { name: 'Confirm' }).click(),
  );
  try {
    const refused = await replay(readonly.request, held.call);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await memberByEmail(api, MEMBER)).toEqual(before);
    expect(await auditEventIds(api, resets)).toEqual(resetsBefore);
  } finally {
    await held.release();
  }

  // The admin's request itself goes through: it was one that changes something.
  await expect(dialog).toBeHidden();
  await expect(row.locator('code')).not.toHaveText(before.tokenKey);
  expect((await memberByEmail(api, MEMBER)).tokenKey).not.toBe(before.tokenKey);
  expect(await auditEventIds(api, resets)).toHaveLength(resetsBefore.length + 1);
  await api.dispose();
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
