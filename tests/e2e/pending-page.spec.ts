import type { Page } from '@playwright/test';
import { expect, test } from './support/sessions';

// The skeleton of a page on its way (docs/product.md, "Feedback"): shown where the page
// goes once a navigation takes a moment, gone when the page is there. The server's
// answers to the router are held back here, so each navigation takes that moment.

const HOLD_MS = 1500;

/** Holds every answer to the router (RSC requests) for HOLD_MS from now on. */
async function slowRouter(page: Page) {
  await page.route('**/*', async (route) => {
    if (route.request().headers()['rsc'] === '1') await new Promise((r) => setTimeout(r, HOLD_MS));
    await route.continue();
  });
}

const skeleton = (page: Page) => page.getByRole('status', { name: 'Loading page' });

test('a page on its way shows its skeleton under the tabs, from a link, a row and a filter', async ({
  openPage,
}) => {
  const page = await openPage('admin');
  await page.goto('/organisation/users');
  const table = page.getByRole('table', { name: /^Users of/ });
  await expect(table).toBeVisible();
  await slowRouter(page);

  // A pager link (<Link>): the tabs stay, the table gives way to the skeleton.
  await page
    .getByRole('navigation', { name: 'Pagination' })
    .getByRole('link', { name: 'Next' })
    .click();
  await expect(skeleton(page)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Organisation' })).toBeVisible();
  await expect(table).toBeHidden();
  await expect(page).toHaveURL(/after=/);
  await expect(skeleton(page)).toBeHidden();
  await expect(table).toBeVisible();

  // A filter: its form pushes the new URL itself.
  await page.getByLabel('Status').selectOption('suspended');
  await expect(skeleton(page)).toBeVisible();
  await expect(page).toHaveURL(/status=suspended/);
  await expect(skeleton(page)).toBeHidden();
  await page.getByLabel('Status').selectOption('');
  await expect(page).not.toHaveURL(/status=/);
  await expect(skeleton(page)).toBeHidden();

  // A row's link, handed to the router by the table.
  await table.locator('a.row-link').first().click();
  await expect(skeleton(page)).toBeVisible();
  await expect(page).toHaveURL(/\/organisation\/users\/[0-9a-f-]{36}$/);
  await expect(skeleton(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Update Permission' })).toBeVisible();
});

test('from another area the skeleton takes the whole content', async ({ openPage }) => {
  const page = await openPage('admin');
  await page.goto('/streams');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await slowRouter(page);
  await page
    .getByRole('banner')
    .getByRole('link', { name: 'Organisation', exact: true })
    .first()
    .click();
  await expect(skeleton(page)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(skeleton(page)).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Organisation' })).toBeVisible();
});

test('the same page again and a download leave the page as it is', async ({ openPage }) => {
  const page = await openPage('admin');
  await page.goto('/organisation/users');
  await expect(page.getByRole('table', { name: /^Users of/ })).toBeVisible();
  await slowRouter(page);

  await page
    .getByRole('navigation', { name: 'Organisation' })
    .getByRole('link', { name: 'User Management' })
    .click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  await download;
  // Longer than a navigation would take to show the skeleton, and to arrive.
  await page.waitForTimeout(HOLD_MS + 500);
  await expect(skeleton(page)).toHaveCount(0);
  await expect(page.getByRole('table', { name: /^Users of/ })).toBeVisible();
});
