import { E2E } from './support/constants';
import { SESSION, expect, test } from './support/sessions';

// The access review (docs/product.md, "Access review"): the seeded demo organisation has
// members nobody signs in as, so they are listed as never active.

test.use({ storageState: SESSION.admin });

test('the admin opens Access review from the navigation and sees who is inactive', async ({
  page,
}) => {
  await page.goto('/organisation');
  await page
    .getByRole('navigation', { name: 'Organisation' })
    .getByRole('link', { name: 'Access review' })
    .click();
  await expect(page).toHaveURL(/\/organisation\/access-review$/);
  await expect(page.getByRole('heading', { name: 'Access review' })).toBeVisible();

  // 90 days by default; never-active members first.
  const choice = page.getByRole('navigation', { name: 'Inactive for' });
  await expect(choice.getByRole('link', { name: '90 days' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const table = page.getByRole('table', { name: /^Members not active for 90 days/ });
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText('never');
  await expect(rows.first().getByRole('link')).toHaveAttribute(
    'href',
    /^\/organisation\/users\/[0-9a-f-]{36}$/,
  );
  await expect(page.getByText(/^Showing 1–\d+ of [\d,]+\+? members$/)).toBeVisible();

  // Select the page; the bulk action sees the selection.
  await page.getByLabel('Select all on this page').check();
  const count = await rows.count();
  await expect(page.getByText(`${count} selected`, { exact: true })).toBeVisible();
  await rows.first().getByRole('checkbox').uncheck();
  await expect(page.getByText(`${count - 1} selected`, { exact: true })).toBeVisible();
  // One click opens the bulk Suspend for the selection (users.spec.ts runs it through).
  await page.getByRole('button', { name: 'Suspend selected' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Suspend: ${count - 1} members` });
  await expect(dialog.getByRole('button', { name: `Suspend ${count - 1} members` })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Another window, and the next page.
  await choice.getByRole('link', { name: '30 days' }).click();
  await expect(page).toHaveURL(/days=30/);
  await expect(page.getByRole('table', { name: /^Members not active for 30 days/ })).toBeVisible();
  await expect(page.getByText('0 selected', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByText(/^Showing 51–\d+ of/)).toBeVisible();

  // The other sections.
  await expect(page.getByRole('heading', { name: 'Unused bintu tokens' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Admins' })).toContainText(E2E.adminEmail);
  await expect(
    page.getByRole('table', { name: 'Custom roles by number of permissions' }),
  ).toContainText('Stream Operator');

  // The admin's own requests were recorded (after their responses): their page says when.
  await page
    .getByRole('table', { name: 'Admins' })
    .getByRole('link', { name: E2E.adminEmail, exact: true })
    .click();
  await expect(page.getByRole('heading', { name: E2E.adminEmail })).toBeVisible();
  await expect(page.locator('dt:text-is("Last active") + dd')).toHaveText(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
  );
});

test('the access review fits a 360 px wide screen without scrolling the page sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/organisation/access-review');
  await expect(page.getByRole('table', { name: /^Members not active for/ })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a member without users:read is told the access review is not theirs', async ({
  openPage,
}) => {
  const page = await openPage('readonly');
  await page.goto('/organisation/access-review');
  await expect(page.getByText('Your role does not include')).toContainText('users:read');
  await expect(
    page
      .getByRole('navigation', { name: 'Organisation' })
      .getByRole('link', { name: 'Access review' }),
  ).toHaveCount(0);
});
