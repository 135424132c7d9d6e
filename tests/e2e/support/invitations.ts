import { expect, type Page } from '@playwright/test';
import { INVITE_TOKEN_PATTERN } from '../../../lib/credentials';

/**
 * In the open Invite New User dialog: the role, the address if any, then Generate New
 * Invite Token; the link shown once.
 */
export async function generateInvite(page: Page, role: string, email?: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Role').selectOption({ label: role });
  if (email) await dialog.getByLabel('Email (optional)').fill(email);
  await dialog.getByRole('button', { name: 'Generate New Invite Token' }).click();
  const link = dialog.getByLabel('Invite link');
  await expect(link).toHaveValue(/\/invite\/[^/]+$/);
  expect((await link.inputValue()).split('/invite/')[1]).toMatch(INVITE_TOKEN_PATTERN);
  return link.inputValue();
}
