import { signUp, uniqueEmail } from './support/auth';
import { mailsTo } from './support/mail-catcher';
import { SIGNED_OUT, expect, test } from './support/sessions';

// "Forgot password?" from the sign-in page: the link arrives by mail (a real SMTP server,
// tests/e2e/support/mail-catcher.ts), opens in the browser, sets a new password, ends
// every session, and works once.

test.use({ storageState: SIGNED_OUT });

test('a forgotten password is reset through the link in the mail, once', async ({
  page,
  browser,
}) => {
  // An account of its own, signed in in a second browser (that session must end).
  const email = uniqueEmail('forgetful');
  const oldPassword = 'the old password 123';
  await signUp(page, email, oldPassword);
  await expect(page).toHaveURL(/\/organisation/);
  const elsewhere = await browser.newContext({ storageState: await page.context().storageState() });
  const other = await elsewhere.newPage();
  await other.goto('/account');
  await expect(other).toHaveURL(/\/account/);
  await page.context().clearCookies();

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot password?' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();
  // An unknown address gets the very same answer.
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(uniqueEmail('nobody'));
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();

  const resets = () => mailsTo(email).filter((m) => m.subject === 'Set a new password');
  await expect.poll(() => resets().length, { timeout: 15_000 }).toBe(1);
  const [mail] = resets();
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail!.text)![0];
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await expect(page.getByText(`For ${email}.`)).toBeVisible();
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  const newPassword = 'the new password 456';
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await expect(page.getByRole('status')).toHaveText(/Password changed/);

  // The other browser's session has ended.
  await other.goto('/account');
  await expect(other).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  // The new password signs in; the link is spent.
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/organisation/);
  await page.goto(link);
  await expect(
    page.getByRole('heading', { name: 'This link has expired or was already used' }),
  ).toBeVisible();
});
