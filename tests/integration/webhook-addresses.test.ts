import { describe, expect, it } from 'vitest';
import { createWebhookEndpoint, updateWebhookEndpoint } from '@/lib/services/webhooks';
import { withTestDatabase } from './support/db';
import { createOrganisation } from './support/fixtures';

// Without WEBHOOK_ALLOW_PRIVATE_URLS (production): an endpoint must be https and reach the
// public internet. Saving checks the URL and what its host resolves to now; every delivery
// checks again when it connects (tests/unit/webhook-send.test.ts, and "refuses a private
// address at delivery" in webhooks.test.ts).

withTestDatabase();

describe('webhook endpoint addresses', () => {
  it('refuses plain http, private and loopback addresses, literal or through DNS', async () => {
    const admin = await createOrganisation();
    const attempt = (url: string) =>
      createWebhookEndpoint(admin, { url, eventTypes: ['member.joined'] });
    const refusals: [string, RegExp][] = [
      ['http://93.184.216.34/hooks', /https/],
      ['https://127.0.0.1/hooks', /127\.0\.0\.1 is private/],
      ['https://10.0.0.8:8443/hooks', /10\.0\.0\.8 is private/],
      ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is private/],
      ['https://[::1]/hooks', /::1 is private/],
      ['https://[::ffff:192.168.0.1]/hooks', /private/],
      ['https://localhost/hooks', /is private/],
    ];
    for (const [url, message] of refusals) {
      const result = await attempt(url);
      expect(result, url).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(result.fieldErrors?.url, url).toMatch(message);
    }
    const ok = await attempt('https://93.184.216.34/hooks');
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    // Changing the URL is checked the same way.
    expect(
      await updateWebhookEndpoint(admin, {
        endpointId: ok.endpoint.id,
        url: 'https://127.0.0.2/hooks',
      }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { url: expect.stringMatching(/private/) },
    });
  });
});
