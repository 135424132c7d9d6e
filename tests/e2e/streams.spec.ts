import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth';
import { E2E } from './support/constants';

const OPERATOR = 'ben.operator@example.com';

const rowOf = (page: Page, name: string) =>
  page
    .getByRole('table', { name: /^Streams of/ })
    .locator('tbody tr')
    .filter({ hasText: name });

test('a User creates a tagged stream but may not manage it; the admin stops and locks it', async ({
  page,
  browser,
}) => {
  const name = `E2E stream ${randomBytes(4).toString('hex')}`;

  await signIn(page, OPERATOR, E2E.memberPassword);
  await page.goto('/streams');
  const form = page.getByRole('form', { name: 'Create stream' });
  await form.getByLabel('Stream name').fill(name);
  await form.getByRole('group', { name: 'Tags' }).getByLabel('sports').check();
  await form.getByRole('button', { name: 'Create stream' }).click();
  await expect(form.getByText(`Stream “${name}” created.`)).toBeVisible();

  const row = rowOf(page, name);
  await expect(row).toContainText('Created');
  await expect(row).toContainText('sports');
  await expect(row).toContainText(OPERATOR);
  await expect(row).toContainText('UTC');
  for (const action of ['Stop', 'Lock', 'Unlock', 'Delete'])
    await expect(row.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Edit tags' })).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, E2E.adminEmail, E2E.adminPassword);
  await admin.goto('/streams');
  const adminRow = rowOf(admin, name);

  await adminRow.getByRole('button', { name: 'Stop', exact: true }).click();
  const stop = admin.getByRole('alertdialog', { name: 'Stop stream' });
  await stop.getByRole('button', { name: 'Stop stream' }).click();
  await expect(stop).toBeHidden();
  await expect(adminRow).toContainText('Ended');

  await adminRow.getByRole('button', { name: 'Lock', exact: true }).click();
  const lock = admin.getByRole('alertdialog', { name: 'Lock stream' });
  await lock.getByRole('button', { name: 'Lock stream' }).click();
  await expect(lock).toBeHidden();
  await expect(adminRow).toContainText('Locked');
  await expect(adminRow.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(adminRow.getByRole('button', { name: 'Delete' })).toHaveCount(0);
});
