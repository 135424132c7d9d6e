import 'server-only';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { getDb } from '@/db/client';
import { decryptSecret } from '@/lib/crypto';
import { retryDelaySeconds, startLoop } from '@/lib/background';
import { env } from '@/lib/env';
import { recordAudit } from '@/lib/services/audit-log';
import { rowsOf } from '@/lib/services/sql';
import { sendWebhook, type SendResult } from './send';

// The delivery worker (docs/webhooks.md, "Delivery"). Each server process runs one loop;
// any number of processes may share a database: a delivery is claimed with FOR UPDATE SKIP
// LOCKED and held for a minute, so two workers never send it at once, and one that dies
// mid-send leaves it to be taken over. At least once: a delivery is marked delivered only
// after its receiver answered 2xx.

/** An endpoint whose deliveries have failed for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * 3600 * 1000;
const BATCH = 10;
const HOLD_SECONDS = 60;
const POLL_MS = 1000;

interface Claimed {
  id: string;
  attempts: number;
  endpointId: string;
  organisationId: string;
  url: string;
  secret: string;
  enabled: boolean;
  payload: {
    id: string;
    type: string;
    createdAt: string;
    organisation: unknown;
    actor: unknown;
    data: unknown;
  };
}

export interface DeliveryOptions {
  /** Deliveries claimed in one pass. */
  limit?: number;
  /** WEBHOOK_ALLOW_PRIVATE_URLS unless given. */
  allowPrivate?: boolean;
  /** Per request; 10 s unless given. */
  timeoutMs?: number;
}

/** Claims up to `limit` due deliveries, sends them, records each attempt; how many it took. */
export async function deliverDue(options: DeliveryOptions = {}): Promise<number> {
  const { limit = BATCH, allowPrivate = env().WEBHOOK_ALLOW_PRIVATE_URLS, timeoutMs } = options;
  const claimed = rowsOf<Claimed>(
    await getDb().execute(sql`
      with due as (
        select id from webhook_deliveries
        where state = 'pending' and next_attempt_at <= now()
          and (locked_until is null or locked_until < now())
        order by next_attempt_at, created_at
        limit ${limit}
        for update skip locked
      ), claimed as (
        update webhook_deliveries d
        set locked_until = now() + make_interval(secs => ${HOLD_SECONDS}),
            attempts = d.attempts + 1, updated_at = now()
        from due where d.id = due.id
        returning d.id, d.event_id, d.endpoint_id, d.attempts
      )
      select c.id, c.attempts, c.endpoint_id as "endpointId", ep.organisation_id as "organisationId",
        ep.url, ep.secret_encrypted as secret, ep.enabled, e.payload
      from claimed c
      join webhook_events e on e.id = c.event_id
      join webhook_endpoints ep on ep.id = c.endpoint_id`),
  );
  await Promise.all(claimed.map((delivery) => deliver(delivery, { allowPrivate, timeoutMs })));
  return claimed.length;
}

/** The body in the documented order (jsonb keeps its own order of keys). */
function bodyOf({ id, type, createdAt, organisation, actor, data }: Claimed['payload']): string {
  return JSON.stringify({ id, type, createdAt, organisation, actor, data });
}

async function deliver(
  delivery: Claimed,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<void> {
  if (!delivery.enabled || !delivery.secret) {
    await getDb().execute(sql`
      update webhook_deliveries set state = 'failed', locked_until = null, updated_at = now()
      where id = ${delivery.id}`);
    return;
  }
  const body = bodyOf(delivery.payload);
  const timestamp = new Date();
  let signature: string;
  try {
    signature = new Webhook(decryptSecret(delivery.secret)).sign(
      delivery.payload.id,
      timestamp,
      body,
    );
  } catch {
    // A secret sealed under another AUTH_SECRET: an attempt that failed, not a broken pass.
    const error = 'The signing secret cannot be read (was AUTH_SECRET changed?): rotate it.';
    return record(delivery, { ok: false, status: null, durationMs: 0, responseExcerpt: '', error });
  }
  const result = await sendWebhook(
    delivery.url,
    {
      'webhook-id': delivery.payload.id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
    options,
  );
  await record(delivery, result);
}

async function record(delivery: Claimed, result: SendResult): Promise<void> {
  const retryIn = result.ok ? null : retryDelaySeconds(delivery.attempts);
  const state = result.ok ? 'delivered' : retryIn === null ? 'failed' : 'pending';
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`
      update webhook_deliveries
      set state = ${state}, locked_until = null, last_status = ${result.status},
        next_attempt_at = case when ${retryIn}::int is null then next_attempt_at
          else now() + make_interval(secs => ${retryIn}::int) end,
        updated_at = now()
      where id = ${delivery.id}`);
    await tx.execute(sql`
      insert into webhook_attempts
        (delivery_id, endpoint_id, status_code, duration_ms, response_excerpt, error, next_retry_at)
      values (${delivery.id}, ${delivery.endpointId}, ${result.status}, ${result.durationMs},
        ${result.responseExcerpt}, ${result.error},
        case when ${retryIn}::int is null then null
          else now() + make_interval(secs => ${retryIn}::int) end)`);
    if (result.ok) {
      await tx.execute(sql`
        update webhook_endpoints set failing_since = null
        where id = ${delivery.endpointId} and failing_since is not null`);
      return;
    }
    // A run of failures starts at the first; a day of them disables the endpoint.
    const [endpoint] = rowsOf<{ disable: boolean; url: string }>(
      await tx.execute(sql`
        update webhook_endpoints set failing_since = coalesce(failing_since, now())
        where id = ${delivery.endpointId}
        returning enabled and failing_since < now() - make_interval(secs => ${DISABLE_AFTER_MS / 1000})
          as disable, url`),
    );
    if (!endpoint?.disable) return;
    await tx.execute(sql`
      update webhook_endpoints
      set enabled = false, disabled_reason = 'failing', updated_at = now()
      where id = ${delivery.endpointId}`);
    await tx.execute(sql`
      update webhook_deliveries set state = 'failed', updated_at = now()
      where endpoint_id = ${delivery.endpointId} and state = 'pending'`);
    await recordAudit(
      tx,
      delivery.organisationId,
      { kind: 'system', label: 'Webhook delivery' },
      {
        action: 'webhook.disabled',
        target: { type: 'webhook', id: delivery.endpointId, label: endpoint.url },
        after: { enabled: false, reason: 'Every delivery failed for a day.' },
      },
    );
  });
}

/** This process's delivery loop (lib/background.ts), started once by instrumentation.ts. */
export function startWebhookWorker(): void {
  startLoop('webhooks', () => deliverDue(), { batch: BATCH, pollMs: POLL_MS });
}
