import { expect, test } from './support/sessions';

// The theme (docs/product.md, "Themes"): the system's by default; chosen in the profile
// menu by keyboard, shown at once and remembered for the next pages; System forgets it.

const background = (page: import('@playwright/test').Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the profile menu switches the theme, and the choice is remembered', async ({ openPage }) => {
  const page = await openPage('readonly');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/organisation');
  const light = await background(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');

  const trigger = page.getByRole('button', { name: 'Profile menu' });
  await expect(trigger).toBeEnabled();
  await trigger.focus();
  await page.keyboard.press('Enter');
  const dark = page.getByRole('menuitemradio', { name: 'Dark' });
  await expect(page.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await dark.focus();
  await page.keyboard.press('Enter');
  await expect(dark).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).not.toBe(light);

  // The next page comes from the server in the chosen theme, whatever the system says.
  await page.goto('/account');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).not.toBe(light);

  await page.getByRole('button', { name: 'Profile menu' }).click();
  await page.getByRole('menuitemradio', { name: 'System' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await background(page)).toBe(light);
  expect((await page.context().cookies()).some((c) => c.name === 'theme')).toBe(false);
});

test('the system theme is followed until a choice is made', async ({ openPage }) => {
  const page = await openPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/sign-in');
  const dark = await background(page);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).not.toBe(dark);
});

test('a timestamp tells how long ago it was on hover', async ({ openPage }) => {
  const page = await openPage('admin');
  await page.goto('/organisation/users');
  const time = page
    .getByRole('table', { name: /^Users of/ })
    .locator('time')
    .first();
  await time.hover();
  await expect(time).toHaveAttribute('title', /ago|now|yesterday|last/);
  expect(await time.textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
});
