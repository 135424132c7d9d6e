import type { Page } from '@playwright/test';
import { signIn, signUp, uniqueEmail } from './support/auth';
import { E2E_RATE_LIMITS } from './support/constants';
import { expect, test } from './support/sessions';

// Accounts of their own: these tests end sessions and exhaust sign-in limits, which the
// stored sessions of the seeded members must never meet.

const alert = (page: Page) => page.locator('form').getByRole('alert');

/**
 * One try on the sign-in form, which stays on the page when the try fails; returns once
 * the form shows that try's answer, not the one before.
 */
async function attemptSignIn(page: Page, email: string, password: string) {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in',
  );
  const button = page.getByRole('button', { name: 'Sign in', exact: true });
  await button.click();
  await answered;
  // It reads "Signing in…" until React has rendered the answer.
  await expect(button).toBeEnabled();
}

test('signing out, revoking a session and Sign out everywhere end sessions on the server', async ({
  browser,
  openPage,
}) => {
  // Four browsers, each signing in.
  test.slow();
  const email = uniqueEmail('sessions');
  const password = 'sessions password 123';
  const laptop = await openPage();
  await signUp(laptop, email, password);
  await expect(laptop).toHaveURL(/\/organisation$/);
  const [phone, tablet, desk] = [await openPage(), await openPage(), await openPage()];
  for (const device of [phone, tablet, desk]) await signIn(device, email, password);

  // Signing out ends this session only, and a copy of its cookie no longer works.
  const laptopCookies = await laptop.context().storageState();
  await laptop.getByRole('button', { name: 'Profile menu' }).click();
  await laptop.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(laptop).toHaveURL(/\/sign-in/);
  const copy = await browser.newContext({ storageState: laptopCookies });
  const replayed = await copy.newPage();
  await replayed.goto('/account');
  await expect(replayed).toHaveURL(/\/sign-in\?callbackUrl=/);
  await copy.close();

  // The others carry on; the Account page lists them, this one marked.
  await phone.goto('/account');
  await expect(phone.getByText(`Signed in as ${email}`)).toBeVisible();
  const sessions = phone.getByRole('table', { name: 'Active sessions' }).locator('tbody tr');
  await expect(sessions).toHaveCount(3);
  await expect(sessions.filter({ hasText: 'This session' })).toHaveCount(1);

  // Revoking one from the list ends it on its next request.
  await tablet.goto('/account');
  await expect(tablet.getByText(`Signed in as ${email}`)).toBeVisible();
  await sessions
    .filter({ hasNotText: 'This session' })
    .first()
    .getByRole('button', { name: /^Revoke session/ })
    .click();
  await expect(phone.getByText('Session ended.')).toBeVisible();
  await expect(sessions).toHaveCount(2);
  // Which of the two it was, the list does not say (same browser, same address).
  let signedOut = 0;
  for (const device of [tablet, desk]) {
    await device.goto('/account');
    if (new URL(device.url()).pathname === '/sign-in') signedOut++;
  }
  expect(signedOut).toBe(1);

  // Sign out everywhere ends the rest, this one included.
  await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(phone).toHaveURL(/\/sign-in/);
  for (const ended of [phone, tablet, desk]) {
    await ended.goto('/account');
    await expect(ended).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(ended.getByText(`Signed in as ${email}`)).toHaveCount(0);
  }
});

test(`the sign-in limit (${E2E_RATE_LIMITS.signIn.limit} per account and client) is the one the server runs with, and then refuses the right password too`, async ({
  page,
  openPage,
}) => {
  // Twice the limit in sign-in tries, each hashing a password on a shared machine.
  test.slow();
  const { limit } = E2E_RATE_LIMITS.signIn;

  // Exactly `limit` tries are answered, the next one is refused. An address with no
  // account, so that no other sign-in has counted towards it.
  const nobody = uniqueEmail('nobody');
  for (let i = 1; i <= limit; i++) {
    await attemptSignIn(page, nobody, `wrong password ${i}`);
    await expect(alert(page)).toHaveText(/do not match an account/);
  }
  await attemptSignIn(page, nobody, 'wrong password again');
  await expect(alert(page)).toHaveText('Too many attempts. Wait a minute and try again.');

  // For a real account, once the wrong passwords reach the limit the right one is
  // refused as well, and no session is made.
  const email = uniqueEmail('guessed');
  const password = 'guessed password 123';
  const owner = await openPage();
  await signUp(owner, email, password);
  await expect(owner).toHaveURL(/\/organisation$/);
  for (let i = 1; i <= limit; i++) {
    await attemptSignIn(page, email, `wrong password ${i}`);
    await expect(alert(page)).toHaveText(/do not match an account|Too many attempts/);
  }
  await attemptSignIn(page, email, password);
  await expect(alert(page)).toHaveText('Too many attempts. Wait a minute and try again.');
  await page.goto('/organisation');
  await expect(page).toHaveURL(/\/sign-in/);
});
