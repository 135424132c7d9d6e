#!/usr/bin/env node
// Screenshots of the main pages for docs/: `node scripts/screenshots.mjs` against a
// running server (BASE_URL, default http://127.0.0.1:3000) started with
// SEED_ADMIN_PASSWORD=$ADMIN_PASSWORD and WEBHOOK_ALLOW_PRIVATE_URLS=true (the webhook
// shots send to a receiver this script runs on the loopback) on a fresh database.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const password = process.env.ADMIN_PASSWORD ?? 'demo-admin-password';
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  existsSync(p),
);
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
const shot = (name) => page.screenshot({ path: `docs/${name}.png`, fullPage: false });

await page.goto(`${base}/sign-in`);
await page.getByLabel('Email').fill('admin@example.com');
await page.getByLabel('Password').fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/\/organisation/);

await page.goto(`${base}/organisation/users`);
await shot('user-management');

// Bulk actions: two members selected, the Suspend dialog open.
const boxes = page.getByRole('table', { name: /^Users of/ }).getByRole('checkbox');
for (const n of [1, 2]) await boxes.nth(n).check();
await page
  .getByRole('toolbar', { name: 'Bulk actions' })
  .getByRole('button', { name: 'Suspend' })
  .click();
await page.getByRole('alertdialog').waitFor();
await shot('bulk-actions');
await page.keyboard.press('Escape');
await page.goto(`${base}/organisation/users`);

await page.getByRole('button', { name: 'Invite New User' }).click();
await page.getByRole('dialog').getByLabel('Role').selectOption({ label: 'User' });
await shot('invite-new-user');
await page.getByRole('button', { name: 'Generate New Invite Token' }).click();
await page.getByLabel('Invite link').waitFor();
const link = await page.getByLabel('Invite link').inputValue();
await shot('invite-token');
await page.keyboard.press('Escape');

// Bulk invite: a pasted list with one bad row, previewed.
await page.getByRole('button', { name: 'Invite New User' }).click();
await page.getByRole('dialog').getByLabel('Many addresses at once').check();
await page
  .getByRole('dialog')
  .getByLabel('Email addresses')
  .fill('ines@example.com\njonas@example.com, not-an-address\ngia.streams@example.com');
await page.getByRole('dialog').getByRole('button', { name: 'Preview' }).click();
await page.getByRole('dialog').getByRole('table').waitFor();
await shot('bulk-invite');
await page.keyboard.press('Escape');

await page.goto(`${base}/organisation/access-review`);
await page.getByRole('heading', { name: 'Access review' }).waitFor();
await shot('access-review');

await page.goto(`${base}/organisation/users?q=gia.streams`);
await page
  .getByRole('table', { name: /^Users of/ })
  .getByRole('link', { name: 'gia.streams@example.com' })
  .click();
await page.getByRole('heading', { name: 'gia.streams@example.com' }).waitFor();
await page.getByText('Permission Overview').click();
await shot('user-overview');
await page.getByRole('button', { name: 'Update Permission' }).click();
await page.getByRole('dialog').getByLabel('Role').selectOption({ label: 'ReadOnly' });
await shot('update-permission');
await page.keyboard.press('Escape');
await page.getByRole('button', { name: 'Reset User Token' }).click();
await shot('reset-user-token');
await page.keyboard.press('Escape');

await page.goto(`${base}/organisation/roles`);
await shot('roles');
await page.goto(`${base}/organisation/audit`);
await shot('audit-log');
await page.goto(`${base}/streams`);
await shot('streams');
await page.goto(`${base}/account#email`);
await page.getByRole('heading', { name: 'Email address' }).scrollIntoViewIfNeeded();
await shot('account');
await page.goto(`${base}/api-reference#put-streams-id-tags`);
await shot('api-reference');

// Webhooks: an endpoint on a receiver here that fails once, then answers.
let answered = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(answered++ === 0 ? 503 : 200).end(answered ? 'ok' : 'busy'));
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/hooks/seats`;
await page.goto(`${base}/organisation/webhooks`);
await page.getByRole('button', { name: 'Add endpoint' }).click();
const addDialog = page.getByRole('dialog', { name: 'Add endpoint' });
await addDialog.getByLabel('Endpoint URL').fill(hookUrl);
await addDialog.getByLabel('Description').fill('Seat provisioning');
await addDialog.getByRole('checkbox', { name: /member\.role_changed/ }).check();
await addDialog.getByRole('button', { name: 'Add endpoint' }).click();
await addDialog.getByLabel('Signing secret').waitFor();
await addDialog.getByRole('button', { name: 'Done' }).click();
await shot('webhooks');
await page.getByRole('link', { name: hookUrl }).click();
await page.getByRole('button', { name: 'Send test event' }).click();
await page.getByRole('row').filter({ hasText: '503' }).waitFor();
await page.getByRole('button', { name: 'Send test event' }).click();
await page.getByRole('row').filter({ hasText: '200' }).waitFor();
await shot('webhook-endpoint');
receiver.close();

const stranger = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await stranger.goto(link);
await stranger.screenshot({ path: 'docs/invite-acceptance.png' });

const mobile = await browser.newPage({ viewport: { width: 390, height: 800 } });
await mobile.context().addCookies(await page.context().cookies());
await mobile.goto(`${base}/organisation/users`);
await mobile.getByRole('button', { name: 'Open menu' }).click();
await mobile.screenshot({ path: 'docs/mobile-menu.png' });

await browser.close();
console.log('Screenshots written to docs/');
