import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import { ALL_AUDIT_EVENTS, webhookTypeOf } from '@/lib/webhooks/events';

// The transactional outbox (docs/webhooks.md, "Delivery"): the webhook event of an audit
// event, and one delivery per enabled endpoint that wants it, written in the change's own
// transaction. A rolled-back change leaves nothing to send; a committed one is sent at
// least once by the worker (lib/webhooks/worker.ts), whatever happens to the process.

export interface OutboxEntry {
  organisationId: string;
  /** The audit action, e.g. `member.role_changed`. */
  action: string;
  createdAt: Date;
  actor: { type: string; id: string | null; label: string };
  data: {
    target: { type: string; id: string | null; label: string | null };
    before: unknown;
    after: unknown;
  };
}

/**
 * One statement: nothing is written unless some enabled endpoint of the organisation
 * subscribes to the event's type or to `audit.*`. The organisation's name is read by the
 * same statement.
 */
export async function enqueueWebhookEvent(tx: Tx, entry: OutboxEntry): Promise<void> {
  const id = randomUUID();
  const type = webhookTypeOf(entry.action);
  const payload = {
    id: `msg_${id}`,
    type,
    createdAt: entry.createdAt.toISOString(),
    organisation: { id: entry.organisationId, name: '' },
    actor: entry.actor,
    data: entry.data,
  };
  await tx.execute(sql`
    with targets as (
      select id from webhook_endpoints
      where organisation_id = ${entry.organisationId} and enabled
        and event_types && array[${type}, ${ALL_AUDIT_EVENTS}]::text[]
    ), event as (
      insert into webhook_events (id, organisation_id, type, payload, created_at)
      select ${id}, o.id, ${type},
        jsonb_set(${JSON.stringify(payload)}::jsonb, '{organisation,name}', to_jsonb(o.name)),
        ${entry.createdAt.toISOString()}
      from organisations o
      where o.id = ${entry.organisationId} and exists (select 1 from targets)
      returning id
    )
    insert into webhook_deliveries (event_id, endpoint_id, organisation_id)
    select event.id, targets.id, ${entry.organisationId} from event, targets`);
}

/**
 * The webhook events of several audit events (a bulk change): what the organisations'
 * enabled endpoints subscribe to is read once, and only the events some endpoint wants
 * are written, each as enqueueWebhookEvent writes it.
 */
export async function enqueueWebhookEvents(tx: Tx, entries: OutboxEntry[]): Promise<void> {
  if (entries.length <= 1) {
    for (const entry of entries) await enqueueWebhookEvent(tx, entry);
    return;
  }
  const endpoints = await tx
    .select({ organisationId: webhookEndpoints.organisationId, types: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(
      and(
        inArray(webhookEndpoints.organisationId, [
          ...new Set(entries.map((e) => e.organisationId)),
        ]),
        eq(webhookEndpoints.enabled, true),
      ),
    );
  const wanted = (entry: OutboxEntry) =>
    endpoints.some(
      (e) =>
        e.organisationId === entry.organisationId &&
        (e.types.includes(webhookTypeOf(entry.action)) || e.types.includes(ALL_AUDIT_EVENTS)),
    );
  for (const entry of entries) if (wanted(entry)) await enqueueWebhookEvent(tx, entry);
}
