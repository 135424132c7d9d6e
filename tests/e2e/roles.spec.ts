import { uniqueEmail, signUpFromInvitation } from './support/auth';
import { SESSION, expect, test } from './support/sessions';

test.use({ storageState: SESSION.admin });

test('create a custom role, invite with it, see it on the acceptance page, filter the list by it', async ({
  page,
  openPage,
}) => {
  const name = `Tag keepers ${Date.now() % 100000}`;
  await page.goto('/organisation/roles');
  await page.getByRole('button', { name: 'Create role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create role' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Description').fill('Look after tags');
  await dialog.getByRole('checkbox', { name: /See tags/ }).check();
  await dialog.getByRole('checkbox', { name: /Create and edit tags/ }).check();
  await dialog.getByRole('button', { name: 'Save role' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('listitem', { name });
  await expect(card.getByText('Custom role')).toBeVisible();
  await expect(card.getByText('0 members')).toBeVisible();

  // Invite someone with it.
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite New User' });
  await invite.getByLabel('Role').selectOption({ label: name });
  await expect(invite.getByText('Create and edit tags')).toBeVisible();
  await invite.getByRole('button', { name: 'Generate New Invite Token' }).click();
  const link = await invite.getByLabel('Invite link').inputValue();

  const p = await openPage();
  await p.goto(link);
  const overview = p.getByRole('region', { name: 'Permission Overview' });
  await expect(p.getByText(`with the role ${name}`)).toBeVisible();
  await expect(overview.getByText('See tags')).toBeVisible();
  await expect(overview.getByText('Create and edit tags')).toBeVisible();
  await expect(overview.getByText('Create streams')).toHaveCount(0);
  const email = uniqueEmail('tagkeeper');
  await signUpFromInvitation(p, email, 'tag keeper password');
  await p.getByRole('button', { name: 'Accept' }).click();
  await expect(p).toHaveURL(/\/organisation$/);

  // The role now has a member; its count links to the filtered user list.
  await page.goto('/organisation/roles');
  await page.getByRole('listitem', { name }).getByRole('link', { name: '1 member' }).click();
  await expect(page).toHaveURL(/\/organisation\/users\?role=/);
  const rows = page.getByRole('table', { name: /^Users of/ }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(email);
  await expect(rows.first()).toContainText(name);
});

test('the role form keeps what was typed when the server refuses it', async ({ page }) => {
  await page.goto('/organisation/roles');
  await page.getByRole('button', { name: 'Create role' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create role' });
  // A name that exists already (names are unique ignoring case).
  await dialog.getByLabel('Name').fill('stream operator');
  await dialog.getByLabel('Description').fill('Kept after a refusal');
  await dialog.getByRole('checkbox', { name: /See tags/ }).check();
  await dialog.getByRole('button', { name: 'Save role' }).click();

  const name = dialog.getByLabel('Name');
  await expect(name).toHaveAccessibleDescription(/already/);
  await expect(name).toHaveValue('stream operator');
  await expect(dialog.getByLabel('Description')).toHaveValue('Kept after a refusal');
  await expect(dialog.getByRole('checkbox', { name: /See tags/ })).toBeChecked();
});

test('a role with a long name fits a 360 px wide screen: the user list’s filter and the roles page', async ({
  page,
}) => {
  // 50 characters without a space: the longest name a role may have.
  const name = `Keepers${'x'.repeat(37)}${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  await page.goto('/organisation/roles');
  await page.getByRole('button', { name: 'Create role' }).click();
  const create = page.getByRole('dialog', { name: 'Create role' });
  await create.getByLabel('Name').fill(name);
  await create.getByRole('checkbox', { name: /See tags/ }).check();
  await create.getByRole('button', { name: 'Save role' }).click();
  await expect(create).toBeHidden();
  try {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/organisation/users', '/organisation/roles']) {
      await page.goto(path);
      if (path === '/organisation/users')
        await expect(page.getByRole('combobox', { name: 'Role' })).toContainText(name);
      else await expect(page.getByRole('listitem', { name })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${path}: pixels of sideways scroll`).toBeLessThanOrEqual(0);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/organisation/roles');
    await page.getByRole('listitem', { name }).getByRole('button', { name: 'Delete' }).click();
    const remove = page.getByRole('alertdialog', { name: `Delete ${name}` });
    await remove.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('listitem', { name })).toHaveCount(0);
  }
});
