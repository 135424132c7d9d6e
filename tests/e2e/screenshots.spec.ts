import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { generateInvite } from './support/invitations';
import { expect, SESSION, SIGNED_OUT, test } from './support/sessions';

// The screenshots in docs/ (shown in the README), light in docs/ and dark in docs/dark/,
// taken on every run of the suite so they show the product as it is. This project runs
// before the others, on the demo organisation as seeded; the user list is filtered to
// the demo's own members (the suite seeds 200 more at @bulk.example). Once per suite:
// on the embedded database run.
test.skip(!!process.env.E2E_DATABASE_URL, 'taken on the embedded database run');

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
const VIEWPORT = { width: 1280, height: 860 };
const DEMO_MEMBERS = '/organisation/users?q=%40example.com';

for (const scheme of ['light', 'dark'] as const) {
  const file = (name: string) => `${DOCS}${scheme === 'dark' ? 'dark/' : ''}${name}.png`;
  const shot = (page: Page, name: string) => page.screenshot({ path: file(name) });

  test(`the main pages and dialogs, ${scheme}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({
      storageState: SESSION.admin,
      viewport: VIEWPORT,
      colorScheme: scheme,
    });
    const page = await context.newPage();

    await page.goto(DEMO_MEMBERS);
    const table = page.getByRole('table', { name: /^Users of/ });
    await expect(table.getByRole('link', { name: 'gia.streams@example.com' })).toBeVisible();
    await shot(page, 'user-management');

    // Bulk actions: two members selected, the Suspend dialog open.
    for (const n of [1, 2]) await table.getByRole('checkbox').nth(n).check();
    await page
      .getByRole('toolbar', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Suspend' })
      .click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await shot(page, 'bulk-actions');
    await page.keyboard.press('Escape');

    await page.goto(DEMO_MEMBERS);
    await page.getByRole('button', { name: 'Invite New User' }).click();
    await page.getByRole('dialog').getByLabel('Role').selectOption({ label: 'User' });
    await shot(page, 'invite-new-user');
    const link = await generateInvite(page, 'User');
    await shot(page, 'invite-token');
    await page.keyboard.press('Escape');

    // Bulk invite: a pasted list with one bad row, previewed.
    await page.getByRole('button', { name: 'Invite New User' }).click();
    const invite = page.getByRole('dialog');
    await invite.getByLabel('Many addresses at once').check();
    await invite
      .getByLabel('Email addresses')
      .fill('ines@example.com\njonas@example.com, not-an-address\ngia.streams@example.com');
    await invite.getByRole('button', { name: 'Preview' }).click();
    await expect(invite.getByRole('table')).toBeVisible();
    await shot(page, 'bulk-invite');
    await page.keyboard.press('Escape');

    await page.goto('/organisation/access-review');
    await expect(page.getByRole('heading', { name: 'Access review' })).toBeVisible();
    await shot(page, 'access-review');

    await page.goto('/organisation/users?q=gia.streams');
    await page.getByRole('link', { name: 'gia.streams@example.com' }).click();
    await expect(page.getByRole('heading', { name: 'gia.streams@example.com' })).toBeVisible();
    await page.getByText('Permission Overview').click();
    await shot(page, 'user-overview');
    await page.getByRole('button', { name: 'Update Permission' }).click();
    await page.getByRole('dialog').getByLabel('Role').selectOption({ label: 'ReadOnly' });
    await shot(page, 'update-permission');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Reset User Token' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await shot(page, 'reset-user-token');
    await page.keyboard.press('Escape');

    for (const [path, name] of [
      ['/organisation/roles', 'roles'],
      ['/organisation/audit', 'audit-log'],
      ['/streams', 'streams'],
      ['/api-reference#put-streams-id-tags', 'api-reference'],
    ] as const) {
      await page.goto(path);
      await shot(page, name);
    }
    await page.goto('/account#email');
    await page.getByRole('heading', { name: 'Email address' }).scrollIntoViewIfNeeded();
    await shot(page, 'account');

    // Webhooks: an endpoint on a receiver here that fails once, then answers.
    let answered = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answered++ === 0 ? 503 : 200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/seats`;
    try {
      await page.goto('/organisation/webhooks');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const add = page.getByRole('dialog', { name: 'Add endpoint' });
      await add.getByLabel('Endpoint URL').fill(hookUrl);
      await add.getByLabel('Description').fill('Seat provisioning');
      await add.getByRole('checkbox', { name: /member\.role_changed/ }).check();
      await add.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(add.getByLabel('Signing secret')).toBeVisible();
      await add.getByRole('button', { name: 'Done' }).click();
      await shot(page, 'webhooks');
      await page.getByRole('link', { name: hookUrl }).click();
      for (const status of ['503', '200']) {
        await page.getByRole('button', { name: 'Send test event' }).click();
        await expect(page.getByRole('row').filter({ hasText: status }).first()).toBeVisible();
      }
      await shot(page, 'webhook-endpoint');
    } finally {
      receiver.close();
    }

    const stranger = await browser.newContext({
      storageState: SIGNED_OUT,
      viewport: VIEWPORT,
      colorScheme: scheme,
    });
    const invitee = await stranger.newPage();
    await invitee.goto(link);
    await expect(invitee.getByRole('heading', { level: 1 })).toBeVisible();
    await shot(invitee, 'invite-acceptance');
    await stranger.close();

    const phone = await browser.newContext({
      storageState: SESSION.admin,
      viewport: { width: 390, height: 800 },
      colorScheme: scheme,
    });
    const mobile = await phone.newPage();
    await mobile.goto(DEMO_MEMBERS);
    await mobile.getByRole('button', { name: 'Open menu' }).click();
    await expect(mobile.getByRole('dialog', { name: 'Menu' })).toBeVisible();
    await shot(mobile, 'mobile-menu');
    await phone.close();
    await context.close();
  });
}
