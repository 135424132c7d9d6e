import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditEvents,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from '@/db/schema';
import { signUp } from '@/lib/services/accounts';
import { NO_CONTEXT } from '@/lib/services/actor';
import { recordAudit } from '@/lib/services/audit-log';
import { answerInvitation } from '@/lib/services/invite-answers';
import { createInvitation } from '@/lib/services/invitations';
import { updateMemberRole } from '@/lib/services/members';
import { createStream } from '@/lib/services/streams';
import {
  createWebhookEndpoint,
  listDeliveryAttempts,
  redeliverEvent,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhookEndpoint,
} from '@/lib/services/webhooks';
import { retryDelaySeconds } from '@/lib/background';
import { deliverDue, DISABLE_AFTER_MS } from '@/lib/webhooks/worker';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
  TEST_ORIGIN,
} from './support/fixtures';

// Webhooks end to end below the HTTP layer: the services write the outbox in the change's
// transaction, the worker sends to a real HTTP receiver on the loopback, and the receiver
// verifies each signature with the standardwebhooks package (docs/webhooks.md).

vi.stubEnv('WEBHOOK_ALLOW_PRIVATE_URLS', 'true');
withTestDatabase();

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on the loopback: answers `answer()` (200 by default) and keeps each request. */
class Receiver {
  received: Received[] = [];
  answer: () => number | 'hang' = () => 200;
  private server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      this.received.push({ headers: req.headers, body });
      const status = this.answer();
      if (status === 'hang') return; // never answers
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
  ofType(type: string) {
    return this.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);
  }
}

const receiver = new Receiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());
beforeEach(() => {
  receiver.received = [];
  receiver.answer = () => 200;
});

async function endpointFor(
  admin: Awaited<ReturnType<typeof createOrganisation>>,
  eventTypes: string[],
  url = receiver.url,
) {
  const result = await createWebhookEndpoint(admin, { url, eventTypes, description: 'test' });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** Runs the worker until nothing is due (a few passes at most). */
async function drain(options: Parameters<typeof deliverDue>[0] = {}) {
  for (let i = 0; i < 10 && (await deliverDue(options)) > 0; i++);
}

/** Makes the endpoint's pending deliveries due now (instead of after their backoff). */
async function dueNow(endpointId: string) {
  await getDb()
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now()` })
    .where(
      and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.state, 'pending')),
    );
}

async function deliveriesOf(endpointId: string) {
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId));
}

describe('the outbox', () => {
  it('sends a change once, after its commit, signed so that standardwebhooks verifies it', async () => {
    const admin = await createOrganisation('Hooked Org');
    const member = await addMember(admin.organisationId, 'user');
    const { endpoint, secret } = await endpointFor(admin, ['member.role_changed']);

    const changed = await updateMemberRole(admin, {
      membershipId: member.membershipId,
      roleId: await roleId(admin.organisationId, 'readonly'),
    });
    expect(changed.ok).toBe(true);
    await drain();

    const [got, ...more] = receiver.ofType('member.role_changed');
    expect(more).toEqual([]);
    const payload = new Webhook(secret).verify(got!.body, {
      'webhook-id': String(got!.headers['webhook-id']),
      'webhook-timestamp': String(got!.headers['webhook-timestamp']),
      'webhook-signature': String(got!.headers['webhook-signature']),
    }) as Record<string, unknown>;
    expect(payload).toMatchObject({
      id: got!.headers['webhook-id'],
      type: 'member.role_changed',
      organisation: { id: admin.organisationId, name: 'Hooked Org' },
      actor: { type: 'user', id: admin.membershipId, label: admin.label },
      data: {
        target: { type: 'member', id: member.membershipId },
        before: expect.anything(),
        after: expect.anything(),
      },
    });
    // The documented order of keys, and no secret (signing secret, token, key) in the body.
    expect(Object.keys(payload)).toEqual([
      'id',
      'type',
      'createdAt',
      'organisation',
      'actor',
      'data',
    ]);
    expect(got!.body).not.toMatch(/whsec_|\bbt_\w|\bak_\w/);
    // Another secret does not verify it.
    const other = await rotateWebhookSecret(admin, { endpointId: endpoint.id });
    expect(other.ok).toBe(true);
    expect(() =>
      new Webhook(other.ok ? other.secret : '').verify(got!.body, {
        'webhook-id': String(got!.headers['webhook-id']),
        'webhook-timestamp': String(got!.headers['webhook-timestamp']),
        'webhook-signature': String(got!.headers['webhook-signature']),
      }),
    ).toThrow();

    const [attempt] = await listDeliveryAttempts(admin, endpoint.id);
    expect(attempt).toMatchObject({
      eventType: 'member.role_changed',
      statusCode: 200,
      deliveryState: 'delivered',
      responseExcerpt: 'answered 200',
      nextRetryAt: null,
    });
  });

  it('writes nothing for a change that rolls back', async () => {
    const admin = await createOrganisation();
    const { endpoint } = await endpointFor(admin, ['member.role_changed']);
    // The last admin cannot become ReadOnly: the change and its audit event roll back.
    const refused = await updateMemberRole(admin, {
      membershipId: admin.membershipId,
      roleId: await roleId(admin.organisationId, 'readonly'),
    });
    expect(refused.ok).toBe(false);
    // And a transaction that fails after its audit event was written.
    await expect(
      getDb().transaction(async (tx) => {
        await recordAudit(tx, admin.organisationId, admin, {
          action: 'member.role_changed',
          target: { type: 'membership', id: admin.membershipId },
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    await drain();
    expect(receiver.received).toEqual([]);
  });

  it('sends member.joined when an invitation is accepted, and audit.* gets every event', async () => {
    const admin = await createOrganisation();
    const joined = await endpointFor(admin, ['member.joined']);
    const everything = await endpointFor(admin, ['audit.*'], `${receiver.url}?all=1`);
    const invitation = await createInvitation(
      admin,
      {
        roleId: await roleId(admin.organisationId, 'user'),
      },
      TEST_ORIGIN,
    );
    if (!invitation.ok) throw new Error(invitation.error);
    const signedUp = await signUp(
      { email: uniqueEmail('joiner'), password: PASSWORD },
      NO_CONTEXT,
      { withOrganisation: false },
    );
    if (!signedUp.ok) throw new Error(signedUp.error);
    const answer = await answerInvitation(
      { id: signedUp.accountId, email: 'joiner' },
      invitation.token,
      'accept',
      NO_CONTEXT,
    );
    expect(answer.ok).toBe(true);
    await createStream(admin, { name: 'Audited stream' });
    await drain();

    expect(receiver.ofType('member.joined')).toHaveLength(2); // one per endpoint
    expect((await deliveriesOf(joined.endpoint.id)).map((d) => [d.state, d.attempts])).toEqual([
      ['delivered', 1],
    ]);
    // audit.*: its own creation, the invitation, the join and the stream, named as the
    // catalogue says.
    const [allTypes] = [
      (await listDeliveryAttempts(admin, everything.endpoint.id)).map((a) => a.eventType).sort(),
    ];
    expect(allTypes).toEqual([
      'invitation.created',
      'member.joined',
      'stream.created',
      'webhook.created',
    ]);
  });
});

describe('delivery', () => {
  it('retries a 500 and a timeout with backoff, then succeeds', async () => {
    const admin = await createOrganisation();
    const { endpoint } = await endpointFor(admin, ['invitation.created']);
    const answers: (number | 'hang')[] = [500, 'hang', 204];
    receiver.answer = () => answers.shift() ?? 200;
    await createInvitation(
      admin,
      { roleId: await roleId(admin.organisationId, 'user') },
      TEST_ORIGIN,
    );

    const before = Date.now();
    await deliverDue({ timeoutMs: 300 });
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    // The first retry comes within a minute, with jitter.
    const wait = delivery!.nextAttemptAt.getTime() - before;
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(60_000);
    // Not due yet: nothing is sent.
    expect(await deliverDue({ timeoutMs: 300 })).toBe(0);

    await dueNow(endpoint.id);
    await deliverDue({ timeoutMs: 300 });
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 2, lastStatus: null });

    await dueNow(endpoint.id);
    await deliverDue({ timeoutMs: 300 });
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 204 });

    const log = await listDeliveryAttempts(admin, endpoint.id);
    expect(
      log.map((a) => [a.statusCode, a.error?.replace(/\d+(\.\d+)? s/, 'N s') ?? null]),
    ).toEqual([
      [204, null],
      [null, 'No answer within N s.'],
      [500, 'The receiver answered 500.'],
    ]);
    expect(log[2]!.nextRetryAt).not.toBeNull();
    expect(log[0]!.nextRetryAt).toBeNull();
    // Three requests reached the receiver, all with the same webhook-id.
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(receiver.received).toHaveLength(3);
    // A failure run ends with the success.
    const [row] = await getDb()
      .select({ failingSince: webhookEndpoints.failingSince })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.failingSince).toBeNull();
  });

  it('backs off for about a day in all, then gives up', () => {
    const total = Array.from({ length: 20 }, (_, i) => retryDelaySeconds(i + 1, 0.5)).filter(
      (s): s is number => s !== null,
    );
    expect(total[0]).toBe(30);
    const sum = total.reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(20 * 3600);
    expect(sum).toBeLessThan(28 * 3600);
    expect(retryDelaySeconds(total.length + 1)).toBeNull();
    // Jitter: ±20 %.
    expect(retryDelaySeconds(1, 0)).toBe(24);
    expect(retryDelaySeconds(1, 1)).toBe(36);
  });

  it('disables an endpoint that has failed for a day, with an audit event', async () => {
    const admin = await createOrganisation();
    const { endpoint } = await endpointFor(admin, ['invitation.created']);
    receiver.answer = () => 503;
    await createInvitation(
      admin,
      { roleId: await roleId(admin.organisationId, 'user') },
      TEST_ORIGIN,
    );
    await getDb()
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - DISABLE_AFTER_MS - 60_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await deliverDue();

    const [row] = await getDb()
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const disabled = await getDb()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, admin.organisationId),
          eq(auditEvents.action, 'webhook.disabled'),
        ),
      );
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatchObject({ actorType: 'system', targetId: endpoint.id });
    // Nothing is queued for a disabled endpoint.
    await createInvitation(
      admin,
      { roleId: await roleId(admin.organisationId, 'user') },
      TEST_ORIGIN,
    );
    expect((await deliveriesOf(endpoint.id)).filter((d) => d.state === 'pending')).toEqual([]);
    // Enabling it again clears the failure run.
    const enabled = await updateWebhookEndpoint(admin, { endpointId: endpoint.id, enabled: true });
    expect(enabled).toMatchObject({
      ok: true,
      endpoint: { enabled: true, disabledReason: null, failingSince: null },
    });
  });

  it('refuses a private address at delivery without WEBHOOK_ALLOW_PRIVATE_URLS', async () => {
    const admin = await createOrganisation();
    const { endpoint } = await endpointFor(admin, ['invitation.created']);
    await createInvitation(
      admin,
      { roleId: await roleId(admin.organisationId, 'user') },
      TEST_ORIGIN,
    );
    // The saved URL is http on the loopback; the worker runs as production would.
    await deliverDue({ allowPrivate: false });
    expect(receiver.received).toEqual([]);
    const [attempt] = await listDeliveryAttempts(admin, endpoint.id);
    expect(attempt).toMatchObject({ statusCode: null, deliveryState: 'pending' });
    expect(attempt!.error).toMatch(/https|private/);
  });

  it('two workers deliver each event once', async () => {
    const admin = await createOrganisation();
    const { endpoint } = await endpointFor(admin, ['invitation.created']);
    const roleIdUser = await roleId(admin.organisationId, 'user');
    for (let i = 0; i < 24; i++) await createInvitation(admin, { roleId: roleIdUser }, TEST_ORIGIN);
    await Promise.all([drain({ limit: 5 }), drain({ limit: 5 })]);

    const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    const states = (await deliveriesOf(endpoint.id)).map((d) => `${d.state}/${d.attempts}`);
    expect(new Set(states)).toEqual(new Set(['delivered/1']));
  });

  it('sends a test event to one endpoint, and redelivers an event by hand', async () => {
    const admin = await createOrganisation();
    const a = await endpointFor(admin, ['member.removed']);
    await endpointFor(admin, ['member.removed'], `${receiver.url}/b`);
    const test = await sendTestEvent(admin, { endpointId: a.endpoint.id });
    expect(test.ok).toBe(true);
    await drain();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['webhook.test']);

    const again = await redeliverEvent(admin, {
      endpointId: a.endpoint.id,
      eventId: test.ok ? test.eventId : '',
    });
    expect(again.ok).toBe(true);
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(
      receiver.received[0]!.headers['webhook-id'],
    );
    expect(await listDeliveryAttempts(admin, a.endpoint.id)).toHaveLength(2);

    // Another organisation's admin reaches neither the endpoint nor the event.
    const stranger = await createOrganisation();
    expect(await sendTestEvent(stranger, { endpointId: a.endpoint.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await listDeliveryAttempts(stranger, a.endpoint.id)).toEqual([]);
    const theirs = await endpointFor(stranger, ['member.removed']);
    expect(
      await redeliverEvent(stranger, {
        endpointId: theirs.endpoint.id,
        eventId: test.ok ? test.eventId : '',
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('endpoints', () => {
  it('need webhook:write, keep their secret out of every answer, and refuse bad input', async () => {
    const admin = await createOrganisation();
    const user = await addMember(admin.organisationId, 'user');
    expect(
      await createWebhookEndpoint(user, { url: receiver.url, eventTypes: ['member.joined'] }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    const created = await endpointFor(admin, ['member.joined']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(JSON.stringify(created.endpoint)).not.toContain('whsec_');
    const [stored] = await getDb()
      .select({ secret: webhookEndpoints.secretEncrypted })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, created.endpoint.id));
    expect(stored!.secret).not.toContain(created.secret.slice(6));

    for (const [input, field] of [
      [{ url: 'ftp://example.com/x', eventTypes: ['member.joined'] }, 'url'],
      [{ url: 'https://user:pw@example.com/x', eventTypes: ['member.joined'] }, 'url'],
      [{ url: 'https://example.com/\u0000', eventTypes: ['member.joined'] }, 'url'],
      [{ url: receiver.url, eventTypes: [] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['member.exploded'] }, 'eventTypes.0'],
    ] as const) {
      const result = await createWebhookEndpoint(admin, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    }
    const count = await getDb()
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.organisationId, admin.organisationId));
    expect(count).toHaveLength(1);
    // Their changes are audited (and are themselves events for audit.* subscribers).
    const actions = await getDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, admin.organisationId),
          sql`${auditEvents.action} like 'webhook.%'`,
        ),
      );
    expect(actions.map((a) => a.action)).toEqual(['webhook.created']);
    expect(
      await getDb()
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.organisationId, admin.organisationId)),
    ).toEqual([]);
    expect(
      await getDb()
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.endpointId, created.endpoint.id)),
    ).toEqual([]);
  });
});
