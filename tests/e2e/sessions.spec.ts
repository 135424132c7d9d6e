import type { Page } from '@playwright/test';
import { signIn, signUp, uniqueEmail } from './support/auth';
import { E2E_RATE_LIMITS } from './support/constants';
import { expect, test } from './support/sessions';

// Accounts of their own: these tests end sessions and exhaust sign-in limits, which the
// stored sessions of the seeded members must never meet.

const alert = (page: Page) => page.locator('form').getByRole('alert');

async function attemptSignIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('signing out ends this session only; Sign out everywhere ends all the others', async ({
  openPage,
}) => {
  const email = uniqueEmail('sessions');
  const password = 'sessions password 123';
  const laptop = await openPage();
  await signUp(laptop, email, password);
  await expect(laptop).toHaveURL(/\/organisation$/);
  const phone = await openPage();
  await signIn(phone, email, password);
  const tablet = await openPage();
  await signIn(tablet, email, password);

  await laptop.getByRole('button', { name: 'Profile menu' }).click();
  await laptop.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(laptop).toHaveURL(/\/sign-in/);
  await laptop.goto('/organisation');
  await expect(laptop).toHaveURL(/\/sign-in\?callbackUrl=/);
  for (const still of [phone, tablet]) {
    await still.goto('/account');
    await expect(still.getByText(`Signed in as ${email}`)).toBeVisible();
  }

  await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(phone).toHaveURL(/\/sign-in/);
  // An ended session shows nothing of the account: it lands on the sign-in page, or on
  // the page that says the session was ended.
  for (const ended of [phone, tablet]) {
    await ended.goto('/account');
    await expect(ended).toHaveURL(/\/(sign-in|no-access)/);
    await expect(ended.getByText(`Signed in as ${email}`)).toHaveCount(0);
    await ended.goto('/organisation/users');
    await expect(ended).toHaveURL(/\/(sign-in|no-access)/);
    await expect(ended.getByText(email)).toHaveCount(0);
  }
  // The account itself still works.
  await signIn(laptop, email, password);
});

test(`the sign-in limit (${E2E_RATE_LIMITS.signIn.limit} per account and client) is the one the server runs with, and then refuses the right password too`, async ({
  page,
  openPage,
}) => {
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
