import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { uniqueEmail, signUpFromInvitation } from './support/auth';
import { SESSION, expect, test } from './support/sessions';

// An admin adds a webhook endpoint, invites someone who joins, and sees member.joined
// arrive at a real receiver (on the loopback, verified with its signing secret) and in
// the endpoint's delivery log. The second organisation's admin acts, so the demo
// organisation other specs count on is left as it is.

test.use({ storageState: SESSION.otherAdmin });

test('an endpoint receives member.joined, signed, and its delivery log shows it', async ({
  page,
  openPage,
}) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  try {
    await page.goto('/organisation');
    await page.getByRole('link', { name: 'Webhooks' }).first().click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 2 })).toBeVisible();

    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add endpoint' });
    await dialog.getByLabel('Endpoint URL').fill(url);
    await dialog.getByLabel('Description').fill('Seat provisioning');
    // member.joined and member.removed are ticked to start with.
    await expect(dialog.getByRole('checkbox', { name: /member\.joined/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await dialog.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Invite someone, who signs up through the link and joins.
    await page.getByRole('button', { name: 'Profile menu' }).click();
    await page.getByRole('menuitem', { name: 'Invite New User' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite New User' });
    await invite.getByLabel('Role').selectOption({ label: 'ReadOnly' });
    await invite.getByRole('button', { name: 'Generate New Invite Token' }).click();
    const link = await invite.getByLabel('Invite link').inputValue();
    await invite.getByRole('button', { name: 'Done' }).click();

    const joiner = await openPage();
    await joiner.goto(link);
    const email = uniqueEmail('hooked');
    await signUpFromInvitation(joiner, email, 'joiner password 1234');
    await joiner.getByRole('button', { name: 'Accept' }).click();
    await expect(joiner).toHaveURL(/\/organisation$/);

    // The receiver gets it within seconds (the worker polls every second), signed.
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [event] = received;
    const payload = new Webhook(secret).verify(event!.body, {
      'webhook-id': String(event!.headers['webhook-id']),
      'webhook-timestamp': String(event!.headers['webhook-timestamp']),
      'webhook-signature': String(event!.headers['webhook-signature']),
    }) as { type: string; data: { target: { label: string } } };
    expect(payload.type).toBe('member.joined');
    expect(JSON.stringify(payload.data)).toContain(email);

    // The endpoint's page lists the delivery: its event, status and response.
    await page.getByRole('link', { name: url }).click();
    const log = page.getByRole('table', { name: `Delivery log of ${url}` });
    await expect(log.getByRole('row').filter({ hasText: 'member.joined' })).toContainText('200');
    await log.getByText('Response').first().click();
    await expect(log.getByText('thanks')).toBeVisible();

    // Send test event, then redeliver it: both arrive with the same webhook-id.
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect
      .poll(() => received.filter((r) => r.body.includes('"webhook.test"')).length, {
        timeout: 15_000,
      })
      .toBe(1);
    // The page refreshes itself while a delivery is due.
    const testRow = log.getByRole('row').filter({ hasText: 'webhook.test' });
    await expect(testRow).toBeVisible({ timeout: 15_000 });
    await testRow.getByRole('button', { name: 'Redeliver' }).click();
    await expect
      .poll(() => received.filter((r) => r.body.includes('"webhook.test"')).length, {
        timeout: 15_000,
      })
      .toBe(2);
    const tests = received.filter((r) => r.body.includes('"webhook.test"'));
    expect(tests[1]!.headers['webhook-id']).toBe(tests[0]!.headers['webhook-id']);

    // Deleting the endpoint goes back to the list, which no longer has it.
    await page.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page).toHaveURL(/\/organisation\/webhooks$/);
    await expect(page.getByRole('link', { name: url })).toHaveCount(0);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
