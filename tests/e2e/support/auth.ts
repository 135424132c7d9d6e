import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

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

export async function signUp(page: Page, email: string, password: string, organisation?: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  if (organisation) await page.getByLabel('Organisation name (optional)').fill(organisation);
  await page.getByRole('button', { name: 'Create account' }).click();
}
