import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { apiKeyClient, readApiKey } from './support/api';
import { signIn, signUpFromInvitation, uniqueEmail } from './support/auth';
import { generateInvite } from './support/invitations';
import { E2E } from './support/constants';
import { SESSION, expect, test } from './support/sessions';
import { TOKEN_KEY_PATTERN } from '../../lib/credentials';

// The seeded demo organisation: 11 named members plus E2E.extraMembers bulk ones. Each
// test changes a different member (gia, hugo, the last bulk one, ops.lead; chris in
// audit.spec.ts, eli in tokens.spec.ts, finn in foundation.spec.ts), so they can run side
// by side. The admin's stored session only reads and acts on others.
test.use({ storageState: SESSION.admin });
const TOTAL = 11 + E2E.extraMembers;

const usersTable = (page: Page) => page.getByRole('table', { name: /^Users of/ });
const rows = (page: Page) => usersTable(page).locator('tbody tr');
const rowOf = (page: Page, email: string) => rows(page).filter({ hasText: email });

test('filter, search, sort and paginate the user list, all in the URL', async ({ page }) => {
  await page.goto('/organisation/users');
  await expect(
    usersTable(page).getByRole('columnheader', { name: 'Permission Level' }),
  ).toBeVisible();
  await expect(usersTable(page).getByRole('columnheader', { name: 'Token Key' })).toBeVisible();
  await expect(
    usersTable(page).getByRole('columnheader', { name: 'Created At (UTC)' }),
  ).toBeVisible();
  await expect(page.getByText(/Showing 1–25 of \d+ users/)).toBeVisible();
  await expect(rows(page)).toHaveCount(25);
  await expect(rows(page).first()).toContainText('UTC');

  // Pages are walked by keyset: the URL carries where the page starts, not its number.
  // The first 50 bulk members by email are ones no other test adds or removes.
  await page.goto('/organisation/users?q=%40bulk.example&sort=email');
  const firstPage = await rows(page).locator('a').allTextContents();
  expect(firstPage).toHaveLength(25);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/after=[\w-]+&from=26/);
  await expect(page.getByText(/^Showing 26–50 of \d+ users$/)).toBeVisible();
  const secondPage = await rows(page).locator('a').allTextContents();
  expect(secondPage.filter((email) => firstPage.includes(email))).toEqual([]);
  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page).toHaveURL(/before=[\w-]+/);
  await expect(rows(page).locator('a')).toHaveText(firstPage);
  await page.getByRole('link', { name: 'Next' }).click();
  await page.getByRole('link', { name: 'Last' }).click();
  await expect(page).toHaveURL(/last=1/);
  await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);
  await page.getByRole('link', { name: 'First' }).click();
  await expect(rows(page).locator('a')).toHaveText(firstPage);
  await page.goto('/organisation/users');

  await page.getByLabel('Per page').selectOption('100');
  await expect(page).toHaveURL(/size=100/);
  expect(await rows(page).count()).toBeGreaterThanOrEqual(Math.min(100, TOTAL - 5));

  const readonlyOption = page.getByLabel('Role').locator('option', { hasText: /^ReadOnly \(/ });
  await page.getByLabel('Role').selectOption((await readonlyOption.getAttribute('value'))!);
  await expect(page).toHaveURL(/role=[0-9a-f-]{36}/);
  await expect(rows(page).first()).toBeVisible();
  // The Permission Level column, after the admin's Select column.
  for (const badge of await rows(page).locator('td:nth-child(2)').allTextContents())
    expect(badge).toBe('ReadOnly');

  await page.goBack();
  await expect(page).not.toHaveURL(/role=/);

  await page.goto('/organisation/users');
  await page.getByLabel('Search by email').fill('OPERATOR');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=OPERATOR/);
  await expect(rows(page)).toHaveCount(3);
  await expect(rowOf(page, E2E.userEmail)).toBeVisible();

  await page.getByLabel('Search by email').fill('nobody-has-this-address');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'No users match this filter' })).toBeVisible();

  await page.goto('/organisation/users?sort=email');
  await expect(page.getByLabel('Sort by')).toHaveValue('email');
  await expect(rows(page).first()).toContainText(E2E.adminEmail);
});

test('a row opens its user in the page, without a reload; a new tab stays the browser’s', async ({
  page,
}) => {
  await page.goto('/organisation/users?q=hugo');
  const link = rowOf(page, 'hugo.streams@example.com').getByRole('link');
  const href = (await link.getAttribute('href'))!;
  // A plain <a> in the server's HTML (it works without script), navigated by the router.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await link.click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole('heading', { name: 'hugo.streams@example.com' })).toBeVisible();
  expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);

  await page.goBack();
  const popup = page.context().waitForEvent('page');
  await rowOf(page, 'hugo.streams@example.com')
    .getByRole('link')
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(await popup).toHaveURL(href);
  await expect(page).toHaveURL(/q=hugo/);
});

test('Update Permission changes the badge and the Token Key', async ({ page }) => {
  const email = 'gia.streams@example.com';
  await page.goto(`/organisation/users?q=${encodeURIComponent(email)}`);
  await rowOf(page, email).getByRole('link', { name: email }).click();
  await expect(page.getByRole('heading', { name: email })).toBeVisible();
  const tokenKey = await page.getByTestId('token-key').textContent();

  await page.getByText('Permission Overview').click();
  await expect(page.getByText('Stop, lock and unlock streams')).toBeVisible();

  const trigger = page.getByRole('button', { name: 'Update Permission' });
  await trigger.click();
  const dialog = page.getByRole('dialog', { name: 'Update Permission' });
  await expect(dialog.getByText('bintu tokens stop working')).toBeVisible();
  await expect(dialog.getByText('Playback tokens they issued stay valid')).toBeVisible();
  await dialog.getByLabel('Role').selectOption({ label: 'ReadOnly' });
  await expect(dialog.getByText(/0 gained, 4 lost/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await expect(page.locator('dd').getByText('ReadOnly', { exact: true })).toBeVisible();
  await expect(page.getByTestId('token-key')).not.toHaveText(tokenKey!);
  await expect(
    page.getByRole('status').filter({ hasText: 'Role changed to ReadOnly' }),
  ).toBeAttached();
});

test('Reset User Token from the list replaces the Token Key', async ({ page }) => {
  const email = 'hugo.streams@example.com';
  await page.goto(`/organisation/users?q=hugo`);
  const row = rowOf(page, email);
  const before = await row.locator('code').textContent();
  const button = row.getByRole('button', { name: 'Reset User Token' });
  await button.click();
  const dialog = page.getByRole('alertdialog', { name: 'Reset User Token' });
  await expect(
    dialog.getByText('Playback tokens issued by this user stay valid until they expire.'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.locator('code')).not.toHaveText(before!);
  await expect(row.locator('code')).toHaveText(TOKEN_KEY_PATTERN);
  // The row was rendered anew with its new Token Key: focus is back on its button.
  await expect(button).toBeFocused();
});

test('Delete User removes them from the list', async ({ page }) => {
  await page.goto('/organisation/users?q=%40bulk.example&sort=email&dir=desc');
  const victim = (await rows(page).first().getByRole('link').textContent())!;
  expect(victim).toMatch(/@bulk\.example$/);
  await page.goto(`/organisation/users?q=${encodeURIComponent(victim)}`);
  await expect(rows(page)).toHaveCount(1);
  const href = (await rows(page).first().getByRole('link').getAttribute('href'))!;
  await rows(page).first().getByRole('button', { name: 'Delete User' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete User' });
  await expect(
    dialog.getByText('Playback tokens issued by this user stay valid until they expire.'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { name: 'No users match this filter' })).toBeVisible();
  expect((await page.goto(href))?.status()).toBe(404);
});

test('Delete User on the user’s own page goes back to the list', async ({ page }) => {
  await page.goto('/organisation/users?q=%40bulk.example&sort=email&dir=desc');
  const victim = rows(page).nth(1).getByRole('link');
  const email = (await victim.textContent())!;
  await victim.click();
  await expect(page.getByRole('heading', { name: email })).toBeVisible();
  await page.getByRole('button', { name: 'Delete User' }).click();
  await page
    .getByRole('alertdialog', { name: 'Delete User' })
    .getByRole('button', { name: 'Confirm' })
    .click();
  // The list, not the deleted user's page (which would be a 404 now).
  await expect(page).toHaveURL(/\/organisation\/users$/);
  await expect(page.getByRole('heading', { name: 'User Management' })).toBeVisible();
  await page.goto(`/organisation/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByRole('heading', { name: 'No users match this filter' })).toBeVisible();
});

test('a member whose role was just lowered is refused on their next action', async ({
  page,
  openPage,
}) => {
  // The lead admin, signed in elsewhere (a session of their own, since their role
  // changes), is about to reset someone's token.
  const leadPage = await openPage();
  await signIn(leadPage, E2E.adminLeadEmail, E2E.memberPassword);
  await leadPage.goto('/organisation/users?q=ben.operator');
  await expect(rows(leadPage)).toHaveCount(1);
  const tokenKey = (await rows(leadPage).first().locator('code').textContent())!;
  expect(tokenKey).toMatch(TOKEN_KEY_PATTERN);

  // Meanwhile the admin lowers the lead to User.
  await page.goto(`/organisation/users?q=${encodeURIComponent(E2E.adminLeadEmail)}`);
  await rowOf(page, E2E.adminLeadEmail).getByRole('link').click();
  await page.getByRole('button', { name: 'Update Permission' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update Permission' });
  await dialog.getByLabel('Role').selectOption({ label: 'User' });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();

  // The lead's page still shows the button, but the server refuses, and ben keeps his
  // Token Key.
  await rows(leadPage).first().getByRole('button', { name: 'Reset User Token' }).click();
  const confirm = leadPage.getByRole('alertdialog', { name: 'Reset User Token' });
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(confirm.getByRole('alert')).toContainText('refused');
  await leadPage.reload();
  await expect(rows(leadPage)).toHaveCount(1);
  await expect(leadPage.getByRole('button', { name: 'Reset User Token' })).toHaveCount(0);
  await expect(rows(leadPage).first().locator('code')).toHaveText(tokenKey);
  await page.goto('/organisation/users?q=ben.operator');
  await expect(rowOf(page, 'ben.operator@example.com').locator('code')).toHaveText(tokenKey);
});

test('ids of other organisations, or none, are a 404', async ({ page, openPage, playwright }) => {
  // A real member id of the second organisation, from its own admin's user list...
  const other = await openPage('otherAdmin');
  await other.goto('/organisation/users');
  await expect(rows(other)).toHaveCount(1);
  const link = rows(other).first().getByRole('link');
  const otherEmail = (await link.textContent())!;
  const href = (await link.getAttribute('href'))!;
  const otherId = href.split('/').pop()!;
  expect(otherId).toMatch(/^[0-9a-f-]{36}$/);
  // ...which its own admin opens.
  expect((await other.goto(href))?.status()).toBe(200);
  await expect(other.getByRole('heading', { name: otherEmail })).toBeVisible();

  // The demo admin opens their own members, but that id, like no id at all, is a 404.
  await page.goto('/organisation/users');
  const ownHref = (await rows(page).first().getByRole('link').getAttribute('href'))!;
  expect((await page.goto(ownHref))?.status()).toBe(200);
  for (const id of [otherId, 'not-an-id']) {
    const response = await page.goto(`/organisation/users/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(otherEmail)).toHaveCount(0);
  }

  // The REST API too: the demo organisation's key can neither read nor delete them.
  const ours = await apiKeyClient(playwright, await readApiKey(page));
  const theirs = await apiKeyClient(playwright, await readApiKey(other));
  expect((await ours.get(`/api/v1/users/${otherId}`)).status()).toBe(404);
  expect((await ours.delete(`/api/v1/users/${otherId}`)).status()).toBe(404);
  const still = await theirs.get(`/api/v1/users/${otherId}`);
  expect(still.status()).toBe(200);
  expect(await still.json()).toMatchObject({ id: otherId, email: otherEmail });
  await ours.dispose();
  await theirs.dispose();
});

test('ReadOnly members see no user list', async ({ openPage }) => {
  const readonly = await openPage('readonly');
  await readonly.goto('/organisation/users');
  await expect(readonly.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(usersTable(readonly)).toHaveCount(0);
  await expect(readonly.getByText(E2E.adminLeadEmail)).toHaveCount(0);
});

test('Export CSV downloads every member the filter matches, not only the page', async ({
  page,
}) => {
  await page.goto('/organisation/users?q=%40example.com&sort=email&size=25');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
  const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toBe('email,permission_level,token_key,created_at_utc,membership_id,role_id');
  const emails = lines.slice(1).map((l) => l.split(',')[0]!);
  expect(emails).toContain(E2E.adminEmail);
  expect(emails.every((e) => e.endsWith('@example.com'))).toBe(true);
  expect(emails).toEqual([...emails].sort());

  // Unfiltered: the whole organisation (about 200 members), not one page of 25.
  await page.goto('/organisation/users');
  const [all] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  const count = (await readFile((await all.path())!, 'utf8')).trimEnd().split('\r\n').length - 1;
  expect(count).toBeGreaterThan(150);
});

test('Suspend User ends the member’s access on their next request; Reactivate User gives it back', async ({
  page,
  openPage,
}) => {
  // A member of their own, signed in in another browser.
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const link = await generateInvite(page, 'User');
  await page.getByRole('button', { name: 'Done' }).click();
  const email = uniqueEmail('on-leave');
  const member = await openPage();
  await member.goto(link);
  await signUpFromInvitation(member, email, 'on leave password 123');
  await member.getByRole('button', { name: 'Accept' }).click();
  await expect(member).toHaveURL(/\/organisation$/);
  await member.goto('/streams');
  await expect(member.getByRole('heading', { name: 'Streams' }).first()).toBeVisible();

  await page.goto(`/organisation/users?q=${encodeURIComponent(email)}`);
  await rowOf(page, email).getByRole('link', { name: email }).click();
  await page.getByRole('button', { name: 'Suspend User' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Suspend User' });
  await expect(
    dialog.getByText('Playback tokens issued by this user stay valid until they expire.'),
  ).toBeVisible();
  await dialog.getByLabel('Reason (optional)').fill('On leave until March');
  await dialog.getByRole('button', { name: 'Suspend User' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${email} is suspended` }),
  ).toBeAttached();
  await expect(page.getByRole('button', { name: 'Reactivate User' })).toBeVisible();
  await expect(page.getByText('On leave until March')).toBeVisible();

  // Their very next request: the dashboard says why.
  await member.goto('/streams');
  await expect(member).toHaveURL(/\/no-access/);
  await expect(
    member.getByRole('heading', { name: `Your access to ${E2E.organisation} is suspended` }),
  ).toBeVisible();

  // The list shows and filters the status.
  await page.goto('/organisation/users');
  await page.getByLabel('Status').selectOption('suspended');
  await expect(page).toHaveURL(/status=suspended/);
  await expect(rowOf(page, email)).toContainText('suspended');

  await rowOf(page, email).getByRole('link', { name: email }).click();
  await page.getByRole('button', { name: 'Reactivate User' }).click();
  await page
    .getByRole('alertdialog', { name: 'Reactivate User' })
    .getByRole('button', { name: 'Reactivate User' })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: `${email} is active again, with the same role.` }),
  ).toBeAttached();
  await expect(page.getByRole('button', { name: 'Suspend User' })).toBeVisible();
  await member.goto('/streams');
  await expect(member).toHaveURL(/\/streams/);
});

test('bulk actions: suspend selected members with a refused row, reactivate them, reset every member matching a filter', async ({
  page,
  openPage,
}) => {
  // Two members of this test's own, the second signed in in another browser.
  const prefix = uniqueEmail('bulk-e2e').split('@')[0]!;
  const emails = [`${prefix}-a@example.com`, `${prefix}-b@example.com`];
  let second!: Page;
  for (const email of emails) {
    await page.goto('/organisation/users');
    await page.getByRole('button', { name: 'Invite New User' }).click();
    const link = await generateInvite(page, 'User');
    await page.getByRole('button', { name: 'Done' }).click();
    second = await openPage();
    await second.goto(link);
    await signUpFromInvitation(second, email, 'bulk member password 123');
    await second.getByRole('button', { name: 'Accept' }).click();
    await expect(second).toHaveURL(/\/organisation$/);
  }

  await page.goto(`/organisation/users?q=${encodeURIComponent(prefix)}`);
  await expect(rows(page)).toHaveCount(2);
  const toolbar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await page.getByRole('checkbox', { name: `Select ${emails[0]}` }).check();
  await expect(toolbar.getByText('1 selected')).toBeVisible();
  await toolbar.getByRole('button', { name: 'Suspend' }).click();
  let dialog = page.getByRole('alertdialog', { name: 'Suspend: 1 member' });
  await dialog.getByLabel('Reason (optional)').fill('Contract paused');
  await dialog.getByRole('button', { name: 'Suspend 1 member' }).click();
  await expect(dialog.getByText('1 member changed, 0 refused.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(rowOf(page, emails[0]!)).toContainText('suspended');

  // The whole page: the member already suspended is a refused row, with the reason.
  await toolbar.getByLabel('Select all on this page').check();
  await expect(toolbar.getByText('2 selected')).toBeVisible();
  await toolbar.getByRole('button', { name: 'Suspend' }).click();
  dialog = page.getByRole('alertdialog', { name: 'Suspend: 2 members' });
  await expect(
    dialog.getByText('Playback tokens they issued stay valid until they expire.'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Suspend 2 members' }).click();
  await expect(dialog.getByText('1 member changed, 1 refused.')).toBeVisible();
  await expect(
    dialog
      .getByRole('table', { name: 'Refused members' })
      .getByRole('row', { name: new RegExp(`${emails[0]}.*already suspended`) }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(rowOf(page, emails[1]!)).toContainText('suspended');
  // Their very next request.
  await second.goto('/streams');
  await expect(second).toHaveURL(/\/no-access/);

  // Reactivate both from the Suspended filter, by keyboard.
  await page.goto(`/organisation/users?q=${encodeURIComponent(prefix)}&status=suspended`);
  await expect(rows(page)).toHaveCount(2);
  await toolbar.getByLabel('Select all on this page').check();
  await toolbar.getByRole('button', { name: 'Reactivate' }).focus();
  await page.keyboard.press('Enter');
  dialog = page.getByRole('alertdialog', { name: 'Reactivate: 2 members' });
  await dialog.getByRole('button', { name: 'Reactivate 2 members' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('2 members changed, 0 refused.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No users match this filter' })).toBeVisible();
  await second.goto('/streams');
  await expect(second).toHaveURL(/\/streams/);

  // Every member matching a filter, beyond the page: the bulk members (no other test
  // reads their Token Keys).
  await page.goto('/organisation/users?q=%40bulk.example');
  const summary = await page.getByText(/Showing 1–25 of \d+ users/).textContent();
  const total = Number(/of (\d+) users/.exec(summary!)![1]);
  expect(total).toBeGreaterThan(25);
  const before = await rows(page).first().locator('code').textContent();
  await toolbar.getByLabel('Select all on this page').check();
  await toolbar
    .getByRole('button', { name: `Select all ${total} members matching this filter` })
    .click();
  await expect(toolbar.getByText(`All ${total} matching selected`)).toBeVisible();
  await toolbar.getByRole('button', { name: 'Reset User Token' }).click();
  dialog = page.getByRole('alertdialog', {
    name: `Reset User Token: all ${total} members matching this filter`,
  });
  await dialog.getByRole('button', { name: `Reset User Token ${total} members` }).click();
  await expect(dialog.getByText(`${total} members changed, 0 refused.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(rows(page).first().locator('code')).not.toHaveText(before!);
});
