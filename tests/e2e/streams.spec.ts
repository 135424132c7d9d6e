import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E } from './support/constants';
import { holdServerAction, replay } from './support/server-actions';
import { SESSION, expect, test } from './support/sessions';

test.use({ storageState: SESSION.user });

const rowOf = (page: Page, name: string) =>
  page
    .getByRole('table', { name: /^Streams of/ })
    .locator('tbody tr')
    .filter({ hasText: name });

test('a User creates a tagged stream but may not manage it; the admin stops and locks it', async ({
  page,
  openPage,
}) => {
  const name = `E2E stream ${randomBytes(4).toString('hex')}`;

  await page.goto('/streams');
  const form = page.getByRole('form', { name: 'Create stream' });
  await form.getByLabel('Stream name').fill(name);
  await form.getByRole('group', { name: 'Tags' }).getByLabel('sports').check();
  await form.getByRole('button', { name: 'Create stream' }).click();
  await expect(form.getByText(`Stream “${name}” created.`)).toBeVisible();

  const row = rowOf(page, name);
  await expect(row).toContainText('Created');
  await expect(row).toContainText('sports');
  await expect(row).toContainText(E2E.userEmail);
  await expect(row).toContainText('UTC');
  for (const action of ['Stop', 'Lock', 'Unlock', 'Delete'])
    await expect(row.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Edit tags' })).toBeVisible();

  const admin = await openPage('admin');
  await admin.goto('/streams');
  const adminRow = rowOf(admin, name);

  // The User sends the admin's very Stop request with their own session first: the
  // buttons are hidden from them, and the server refuses it too.
  await adminRow.getByRole('button', { name: 'Stop', exact: true }).click();
  const stop = admin.getByRole('alertdialog', { name: 'Stop stream' });
  const held = await holdServerAction(admin, () =>
    stop.getByRole('button', { name: 'Stop stream' }).click(),
  );
  try {
    const refused = await replay(page.request, held.call);
    expect(await refused.text()).not.toContain('was stopped');
    await page.reload();
    await expect(rowOf(page, name)).toContainText('Created');
    await expect(rowOf(page, name)).not.toContainText('Ended');
  } finally {
    await held.release();
  }
  await expect(stop).toBeHidden();
  await expect(adminRow).toContainText('Ended');

  await adminRow.getByRole('button', { name: 'Lock', exact: true }).click();
  const lock = admin.getByRole('alertdialog', { name: 'Lock stream' });
  await lock.getByRole('button', { name: 'Lock stream' }).click();
  await expect(lock).toBeHidden();
  await expect(adminRow).toContainText('Locked');
  await expect(adminRow.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(adminRow.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.reload();
  await expect(rowOf(page, name)).toContainText('Locked');
});
