import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
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
 * One statement for any number of events of one organisation: nothing is written unless
 * some enabled endpoint of the organisation subscribes to an event's type or to
 * `audit.*`. The organisation's name is read by the same statement.
 */
export async function enqueueWebhookEvents(tx: Tx, entries: readonly OutboxEntry[]): Promise<void> {
  const organisationId = entries[0]?.organisationId;
  if (!organisationId) return;
  const events = entries.map((entry) => {
    if (entry.organisationId !== organisationId)
      throw new Error('enqueueWebhookEvents: one organisation per call');
    const id = randomUUID();
    const type = webhookTypeOf(entry.action);
    return {
      id,
      type,
      created_at: entry.createdAt.toISOString(),
      payload: {
        id: `msg_${id}`,
        type,
        createdAt: entry.createdAt.toISOString(),
        organisation: { id: organisationId, name: '' },
        actor: entry.actor,
        data: entry.data,
      },
    };
  });
  await tx.execute(sql`
    with targets as (
      select id, event_types from webhook_endpoints
      where organisation_id = ${organisationId} and enabled
    ), e as (
      select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
        as e(id uuid, type text, created_at timestamptz, payload jsonb)
    ), event as (
      insert into webhook_events (id, organisation_id, type, payload, created_at)
      select e.id, o.id, e.type,
        jsonb_set(e.payload, '{organisation,name}', to_jsonb(o.name)), e.created_at
      from e, organisations o
      where o.id = ${organisationId} and exists (
        select 1 from targets t where t.event_types && array[e.type, ${ALL_AUDIT_EVENTS}]::text[])
      returning id, type
    )
    insert into webhook_deliveries (event_id, endpoint_id, organisation_id)
    select event.id, targets.id, ${organisationId} from event
    join targets on targets.event_types && array[event.type, ${ALL_AUDIT_EVENTS}]::text[]`);
}
