import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { mailsTo } from './mail-catcher';

export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.test`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/organisation/);
}

/** Fills and sends the sign-up form, as someone would; nothing more. */
export async function submitSignUp(
  page: Page,
  email: string,
  password: string,
  organisation?: string,
) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  if (organisation) await page.getByLabel('Organisation name (optional)').fill(organisation);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/**
 * The link of the newest mail to `address` whose subject is `subject`, once it arrived
 * at the test's SMTP server (support/mail-catcher.ts).
 */
export async function linkFromMail(address: string, subject: string, path: RegExp) {
  const find = () =>
    mailsTo(address)
      .filter((m) => m.subject === subject)
      .map((m) => new RegExp(`https?://\\S+${path.source}`).exec(m.text)?.[0])
      .filter(Boolean)
      .at(-1);
  await expect
    .poll(find, { timeout: 15_000, message: `a mail "${subject}" to ${address}` })
    .toBeTruthy();
  return find()!;
}

export const CONFIRM_LINK = /\/confirm-email\/[A-Za-z0-9_-]{43}/;

/**
 * Signs up the whole way: the form, then the link of the confirmation mail, which
 * creates the account and signs it in (docs/email.md, "Verified addresses").
 */
export async function signUp(page: Page, email: string, password: string, organisation?: string) {
  await submitSignUp(page, email, password, organisation);
  await expect(page.getByText('Check your inbox')).toBeVisible();
  await page.goto(await linkFromMail(email, 'Confirm your email address', CONFIRM_LINK));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).not.toHaveURL(/\/confirm-email\//);
}

/**
 * From an invitation's page, signed out: "Sign up to accept", the form, and the
 * confirmation mail's link, which returns to the invitation signed in.
 */
export async function signUpFromInvitation(page: Page, email: string, password: string) {
  await page.getByRole('link', { name: 'Sign up to accept' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();
  await page.goto(await linkFromMail(email, 'Confirm your email address', CONFIRM_LINK));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).toHaveURL(/\/invite\//);
}
