import { readFileSync } from 'node:fs';
import { demoInviteToken } from '../../lib/setup/demo-tokens';
import {
  CONFIRM_LINK,
  linkFromMail,
  signUp,
  signUpFromInvitation,
  uniqueEmail,
} from './support/auth';
import { E2E } from './support/constants';
import { generateInvite } from './support/invitations';
import { mailsTo } from './support/mail-catcher';
import { SESSION, expect, test } from './support/sessions';

// The admin invites; invitees and strangers get signed-out contexts of their own.
test.use({
  permissions: ['clipboard-read', 'clipboard-write'],
  storageState: SESSION.admin,
});

test('an admin invites from the list; the invitee signs up through the link and joins with that role', async ({
  page,
  openPage,
}) => {
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });

  // The Permission Overview follows the chosen role.
  await dialog.getByLabel('Role').selectOption({ label: 'ReadOnly' });
  await expect(dialog.getByText('Create streams')).toHaveCount(0);
  await dialog.getByLabel('Role').selectOption({ label: 'User' });
  await expect(dialog.getByText('Create streams')).toBeVisible();

  const link = await generateInvite(page, 'User');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(
    page.getByRole('region', { name: 'Pending invitations' }).getByText('pending').first(),
  ).toBeVisible();

  const p = await openPage();
  await p.goto(link);
  await expect(p.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
  await expect(p.getByText(`${E2E.adminEmail} invited you`)).toBeVisible();
  await expect(
    p.getByRole('region', { name: 'Permission Overview' }).getByText('Create streams'),
  ).toBeVisible();

  await p.getByRole('link', { name: 'Sign up to accept' }).click();
  const email = uniqueEmail('invitee');
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill('invitee password 123');
  await expect(p.getByLabel('Organisation name (optional)')).toHaveCount(0);
  await p.getByRole('button', { name: 'Create account' }).click();
  await expect(p.getByText('Check your inbox')).toBeVisible();
  // The confirmation mail's link creates the account and returns to the invitation.
  await p.goto(await linkFromMail(email, 'Confirm your email address', CONFIRM_LINK));
  await p.getByRole('button', { name: 'Confirm and sign in' }).click();

  await expect(p.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
  await p.getByRole('button', { name: 'Accept' }).click();
  await expect(p).toHaveURL(/\/organisation$/);
  await expect(p.getByRole('heading', { level: 1, name: E2E.organisation })).toBeVisible();
  await expect(p.locator('dd').getByText('User', { exact: true })).toBeVisible();

  // The link is spent.
  await p.goto(link);
  await expect(
    p.getByRole('heading', { name: 'This invitation has already been used' }),
  ).toBeVisible();
});

test('an admin invites from the profile menu with a custom role', async ({ page, openPage }) => {
  await page.goto('/organisation');
  await page.getByRole('button', { name: 'Profile menu' }).click();
  await page.getByRole('menuitem', { name: 'Invite New User' }).click();
  const link = await generateInvite(page, 'Stream Operator', 'someone.new@example.com');
  expect(link).toContain('/invite/');

  // The link offers that role.
  const p = await openPage();
  await p.goto(link);
  await expect(p.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
  await expect(p.getByText('with the role Stream Operator')).toBeVisible();
});

test('a revoked link and an expired link show their pages and name no organisation', async ({
  page,
  openPage,
}) => {
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const email = uniqueEmail('withdrawn');
  const link = await generateInvite(page, 'ReadOnly', email);
  await page.getByRole('button', { name: 'Done' }).click();

  const row = page
    .getByRole('region', { name: 'Pending invitations' })
    .getByRole('row')
    .filter({ hasText: email });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page
    .getByRole('alertdialog', { name: 'Revoke invitation' })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await expect(row.getByText('revoked', { exact: true })).toBeVisible();

  const stranger = await openPage();
  await stranger.goto(link);
  await expect(
    stranger.getByRole('heading', { name: 'This invitation was withdrawn' }),
  ).toBeVisible();
  await expect(stranger.getByText(E2E.organisation)).toHaveCount(0);
  await expect(stranger.getByRole('button', { name: 'Accept' })).toHaveCount(0);

  await stranger.goto(`/invite/${demoInviteToken(E2E.authSecret, 'expired')}`);
  await expect(
    stranger.getByRole('heading', { name: 'This invitation has expired' }),
  ).toBeVisible();
  await expect(stranger.getByText(E2E.organisation)).toHaveCount(0);

  await stranger.goto(`/invite/${'A'.repeat(43)}`);
  await expect(
    stranger.getByRole('heading', { name: 'This invitation link is not valid' }),
  ).toBeVisible();
});

test('a member of two organisations switches between them from the profile menu', async ({
  page,
  openPage,
}) => {
  await page.goto('/organisation/users?invite=1');
  const link = await generateInvite(page, 'ReadOnly');

  // The founder's own account: switching organisation changes its session.
  const p = await openPage();
  const email = uniqueEmail('founder');
  await signUp(p, email, 'founder password 123', 'Own Studio');
  await expect(p.getByRole('heading', { level: 1, name: 'Own Studio' })).toBeVisible();

  await p.goto(link);
  await p.getByRole('button', { name: 'Accept' }).click();
  await expect(p.getByRole('heading', { level: 1, name: E2E.organisation })).toBeVisible();

  await p.getByRole('button', { name: 'Profile menu' }).click();
  await p.getByRole('menuitem', { name: 'Own Studio' }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'Own Studio' })).toBeVisible();
});

test('Invite New User opens in place from the profile menu on every page, the user list included', async ({
  page,
}) => {
  for (const path of ['/organisation/users', '/organisation/roles', '/streams', '/account']) {
    await page.goto(path);
    const before = page.url();
    await page.getByRole('button', { name: 'Profile menu' }).click();
    await page.getByRole('menuitem', { name: 'Invite New User' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite New User' });
    await expect(dialog, `from ${path}`).toBeVisible();
    await expect(dialog.getByLabel('Role')).toBeEnabled();
    expect(page.url(), `no navigation from ${path}`).toBe(before);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Focus returns to the menu's button, not to the top of the page.
    await expect(page.getByRole('button', { name: 'Profile menu' })).toBeFocused();
  }
  // The link it creates is the same from anywhere.
  await page.goto('/streams');
  await page.getByRole('button', { name: 'Profile menu' }).click();
  await page.getByRole('menuitem', { name: 'Invite New User' }).click();
  expect(await generateInvite(page, 'ReadOnly')).toContain('/invite/');
});

test('the small screens’ menu opens Invite New User in place, on the user list too', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/organisation/users');
  const before = page.url();
  await page.getByRole('button', { name: 'Open menu' }).click();
  await page
    .getByRole('dialog', { name: 'Menu' })
    .getByRole('button', { name: 'Invite New User' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Invite New User' })).toBeVisible();
  expect(page.url()).toBe(before);
});

test('the Invite New User dialog keeps what was typed when the server refuses it', async ({
  page,
}) => {
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });
  await dialog.getByLabel('Role').selectOption({ label: 'ReadOnly' });
  // The browser takes this address; the server does not (no domain).
  await dialog.getByLabel('Email (optional)').fill('someone@localhost');
  await dialog.getByLabel('Valid for (days)').fill('12');
  await dialog.getByRole('button', { name: 'Generate New Invite Token' }).click();

  const email = dialog.getByLabel('Email (optional)');
  await expect(email).toHaveAccessibleDescription(/valid email address/);
  await expect(email).toHaveValue('someone@localhost');
  await expect(dialog.getByLabel('Valid for (days)')).toHaveValue('12');
  await expect(dialog.getByLabel('Role')).toHaveValue(
    await dialog.getByRole('option', { name: 'ReadOnly' }).getAttribute('value').then(String),
  );

  // Corrected, it goes through.
  await email.fill('someone@example.com');
  await dialog.getByRole('button', { name: 'Generate New Invite Token' }).click();
  await expect(dialog.getByLabel('Invite link')).toHaveValue(/\/invite\//);
});

test('bulk invite: a list with one bad address is previewed, sent, and each good address gets a working link by mail', async ({
  page,
  openPage,
}) => {
  await page.goto('/organisation/users');
  await page.getByRole('button', { name: 'Invite New User' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });
  await dialog.getByRole('radio', { name: 'Many addresses at once' }).check();
  const [first, second] = [uniqueEmail('bulk'), uniqueEmail('bulk')];
  await dialog
    .getByLabel('Email addresses', { exact: true })
    .fill(`${first}\nnot-an-address\n${second.toUpperCase()}`);
  await dialog.getByLabel('Default role').selectOption({ label: 'ReadOnly' });
  await dialog.getByRole('button', { name: 'Preview' }).click();

  // The preview names the bad row; nothing is sent yet.
  const preview = dialog.getByRole('table', { name: /^Preview/ });
  await expect(dialog.getByText('3 rows: 2 to invite, 1 invalid address.')).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: 'not-an-address' })).toContainText(
    'Invalid address',
  );
  for (const email of [first, second])
    await expect(preview.getByRole('row').filter({ hasText: email })).toContainText(
      'Will be invited',
    );
  expect(mailsTo(first)).toEqual([]);

  await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();
  await expect(dialog.getByText('3 rows: 2 invited, 1 invalid address.')).toBeVisible();
  const result = dialog.getByRole('table', { name: /^Result/ });
  await expect(result.getByRole('row').filter({ hasText: 'not-an-address' })).toContainText(
    'Invalid address',
  );
  await expect(result.getByRole('row').filter({ hasText: 'Invited' })).toHaveCount(2);

  // The links, once, as a CSV file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download links as CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('email,role,link,expires_at_utc');
  for (const email of [first, second]) expect(csv).toMatch(new RegExp(`${email},ReadOnly,http`));

  // At 360 px the dialog fits, and the table scrolls inside its own box.
  await page.setViewportSize({ width: 360, height: 740 });
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  expect(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // Each good address got its own mail; its link works: the invitee signs up and joins.
  const subject = `${E2E.adminEmail} invited you to ${E2E.organisation}`;
  const link = await linkFromMail(first, subject, /\/invite\/[A-Za-z0-9_-]{43}/);
  expect(await linkFromMail(second, subject, /\/invite\/[A-Za-z0-9_-]{43}/)).not.toBe(link);
  expect(csv).toContain(link);
  const p = await openPage();
  await p.goto(link);
  await expect(p.getByRole('heading', { name: `Join ${E2E.organisation}` })).toBeVisible();
  await expect(p.getByText('with the role ReadOnly')).toBeVisible();
  await signUpFromInvitation(p, first, 'bulk invitee password 1');
  await p.getByRole('button', { name: 'Accept' }).click();
  await expect(p).toHaveURL(/\/organisation$/);
  await expect(p.locator('dd').getByText('ReadOnly', { exact: true })).toBeVisible();
});

test('bulk invite reads a CSV file: its header skipped, each row’s role by name', async ({
  page,
}) => {
  await page.goto('/organisation/users?invite=1');
  const dialog = page.getByRole('dialog', { name: 'Invite New User' });
  await dialog.getByRole('radio', { name: 'Many addresses at once' }).check();
  const [a, b] = [uniqueEmail('csv'), uniqueEmail('csv')];
  await dialog.getByLabel('Or upload a CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email,role\r\n${a},readonly\r\n${b},No Such Role\r\n${E2E.userEmail}\r\n`),
  });
  await expect(dialog.getByLabel('Email addresses', { exact: true })).toHaveValue(
    new RegExp(`^email,role\\r?\\n${a}`),
  );
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('table', { name: /^Preview/ });
  await expect(preview.getByRole('row').filter({ hasText: a })).toContainText('ReadOnly');
  await expect(preview.getByRole('row').filter({ hasText: a })).toContainText('Will be invited');
  await expect(preview.getByRole('row').filter({ hasText: b })).toContainText('Unknown role');
  await expect(preview.getByRole('row').filter({ hasText: E2E.userEmail })).toContainText(
    'Already a member',
  );
  // Editing the list hides the preview: what is sent is always what was previewed.
  await dialog.getByLabel('Email addresses', { exact: true }).fill(a);
  await expect(preview).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: /^Send/ })).toHaveCount(0);
});
