import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { E2E } from './support/constants';
import { SESSION, expect, test } from './support/sessions';

// chris.operator is changed by this file only (see users.spec.ts for the others).
const MEMBER = 'chris.operator@example.com';

test.use({ storageState: SESSION.admin });

const auditRows = (page: Page) =>
  page.getByRole('table', { name: /^Audit events of/ }).locator('tbody tr');

test('a role change shows in the audit log, with before and after, and in the CSV export', async ({
  page,
}) => {
  // Change the member's role (to whichever default role they do not hold yet).
  await page.goto(`/organisation/users?q=${encodeURIComponent(MEMBER)}`);
  await page.getByRole('link', { name: MEMBER }).click();
  await expect(page.getByRole('heading', { name: MEMBER })).toBeVisible();
  const from = (await page.getByRole('heading', { name: /^Role: / }).textContent())!.replace(
    'Role: ',
    '',
  );
  const to = from === 'ReadOnly' ? 'User' : 'ReadOnly';
  await page.getByRole('button', { name: 'Update Permission' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update Permission' });
  await dialog.getByLabel('Role').selectOption({ label: to });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: `Role: ${to}` })).toBeVisible();

  // Find it in the log by its action.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/organisation\/audit$/);
  await expect(page.getByRole('columnheader', { name: 'Time (UTC)' })).toBeVisible();
  await page
    .getByRole('search', { name: 'Filter audit events' })
    .getByLabel('Action')
    .selectOption('member.role_changed');
  await expect(page).toHaveURL(/action=member\.role_changed/);
  const row = auditRows(page).filter({ hasText: MEMBER }).first();
  await expect(row).toContainText('member.role_changed');
  await expect(row).toContainText(E2E.adminEmail);
  await expect(row).toContainText('UTC');
  for (const action of await auditRows(page).locator('td:nth-child(3)').allTextContents())
    expect(action).toBe('member.role_changed');

  // The CSV carries the same filter and holds the event.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'id,time_utc,actor_type,actor,action,target_type,target_id,target,before,after,ip,user_agent,request_id',
  );
  expect(lines.slice(1).every((l) => l.includes(',member.role_changed,'))).toBe(true);
  const line = lines.find((l) => l.includes(MEMBER));
  expect(line).toContain(E2E.adminEmail);
  expect(line).toContain(`""role"":""${to}""`);

  // The event in full: who, what, and the role before and after side by side.
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/organisation\/audit\/\d+$/);
  await expect(page.getByRole('heading', { name: 'member.role_changed' })).toBeVisible();
  await expect(page.locator('dd').getByText(MEMBER, { exact: true })).toBeVisible();
  await expect(page.getByTestId('audit-before')).toContainText(`"role": "${from}"`);
  await expect(page.getByTestId('audit-after')).toContainText(`"role": "${to}"`);
});

test('event ids of other organisations, or none, are a 404', async ({ page, openPage }) => {
  // A real event of the second organisation (its creation), from its own audit log...
  const other = await openPage('otherAdmin');
  await other.goto('/organisation/audit');
  const link = auditRows(other)
    .filter({ hasText: 'organisation.created' })
    .first()
    .getByRole('link')
    .first();
  const href = (await link.getAttribute('href'))!;
  const otherId = href.split('/').pop()!;
  expect(otherId).toMatch(/^\d+$/);
  // ...which its own admin opens.
  expect((await other.goto(href))?.status()).toBe(200);
  await expect(other.getByRole('heading', { name: 'organisation.created' })).toBeVisible();
  await expect(other.locator('dd').getByText(otherId, { exact: true })).toBeVisible();

  // The demo organisation's admin gets a 404 for it, as for an id that is none.
  for (const id of [otherId, 'not-an-id']) {
    const response = await page.goto(`/organisation/audit/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'organisation.created' })).toHaveCount(0);
  }
});

test('ReadOnly members have no audit log, nor its export', async ({ openPage }) => {
  const readonly = await openPage('readonly');
  await readonly.goto('/organisation');
  await expect(readonly.getByRole('heading', { level: 1, name: E2E.organisation })).toBeVisible();
  await expect(readonly.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await readonly.goto('/organisation/audit');
  await expect(readonly.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(readonly.getByRole('table')).toHaveCount(0);
  const response = await readonly.request.get('/organisation/audit/export.csv');
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain('actor_type');
});
