import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type WebhookEndpoint,
} from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { TEST_EVENT } from '@/lib/webhooks/events';
import { webhookUrlProblemNow } from '@/lib/webhooks/send';
import {
  WEBHOOK_ENDPOINTS_MAX,
  createWebhookSchema,
  redeliverSchema,
  updateWebhookSchema,
  webhookEndpointIdSchema,
  webhookTargetSchema,
} from '@/lib/validation/webhooks';
import { authorize, type Actor } from './actor';
import { recordAudit } from './audit-log';
import { ServiceError, fail, parseInput, toFailure, type Failure, type Result } from './result';
import { mutation } from './tx';

// The organisation's webhook endpoints (docs/webhooks.md): each with its URL, the events
// it wants and its own signing secret, shown once. Everything here needs `webhook:write`.
// Sending is the worker's (lib/webhooks/worker.ts).

/** An endpoint as every caller receives it: never its secret. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  /** `failing` when the worker disabled it after a day of failures. */
  disabledReason: 'failing' | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const viewColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

const target = (e: Pick<WebhookEndpoint, 'id' | 'url'>) => ({
  type: 'webhook',
  id: e.id,
  label: e.url,
});

/** A new signing secret in the Standard Webhooks form: `whsec_` and 24 random bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The permission, the input and the URL's addresses, checked before the transaction opens
 * (a DNS lookup can take seconds; no connection waits on it).
 */
async function checkedInput<S extends z.ZodType>(
  actor: Actor,
  schema: S,
  raw: unknown,
): Promise<z.output<S> | Failure> {
  try {
    authorize(actor, 'webhook:write');
    const input = parseInput(schema, raw) as z.output<S> & { url?: string };
    if (input.url !== undefined) {
      const problem = await webhookUrlProblemNow(input.url, env().WEBHOOK_ALLOW_PRIVATE_URLS);
      if (problem) return fail('invalid', problem, { url: problem });
    }
    return input;
  } catch (err) {
    return toFailure(err);
  }
}

const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

export async function listWebhookEndpoints(actor: Actor): Promise<WebhookEndpointView[]> {
  authorize(actor, 'webhook:write');
  return getDb()
    .select(viewColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organisationId, actor.organisationId))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
}

export async function getWebhookEndpoint(
  actor: Actor,
  endpointId: string,
): Promise<WebhookEndpointView | null> {
  authorize(actor, 'webhook:write');
  const id = webhookEndpointIdSchema.safeParse(endpointId);
  if (!id.success) return null;
  const [row] = await getDb()
    .select(viewColumns)
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, id.data),
        eq(webhookEndpoints.organisationId, actor.organisationId),
      ),
    );
  return row ?? null;
}

export interface DeliveryAttemptView {
  id: number;
  attemptedAt: Date;
  eventId: string;
  eventType: string;
  deliveryState: 'pending' | 'delivered' | 'failed';
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string;
  error: string | null;
  nextRetryAt: Date | null;
}

export const DELIVERY_LOG_PAGE = 50;

/** The endpoint's delivery log, newest attempt first; `before` an attempt id. */
export async function listDeliveryAttempts(
  actor: Actor,
  endpointId: string,
  before?: number,
): Promise<DeliveryAttemptView[]> {
  const endpoint = await getWebhookEndpoint(actor, endpointId);
  if (!endpoint) return [];
  return getDb()
    .select({
      id: webhookAttempts.id,
      attemptedAt: webhookAttempts.attemptedAt,
      eventId: webhookEvents.id,
      eventType: webhookEvents.type,
      deliveryState: webhookDeliveries.state,
      statusCode: webhookAttempts.statusCode,
      durationMs: webhookAttempts.durationMs,
      responseExcerpt: webhookAttempts.responseExcerpt,
      error: webhookAttempts.error,
      nextRetryAt: webhookAttempts.nextRetryAt,
    })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookAttempts.endpointId, endpoint.id),
        before ? lt(webhookAttempts.id, before) : undefined,
      ),
    )
    .orderBy(desc(webhookAttempts.id))
    .limit(DELIVERY_LOG_PAGE);
}

/**
 * Deliveries not sent yet (waiting for their first try or a retry), and how many of them
 * are due within seconds (the page refreshes itself while there are).
 */
export async function pendingDeliveries(
  actor: Actor,
  endpointId: string,
): Promise<{ pending: number; dueSoon: number }> {
  authorize(actor, 'webhook:write');
  const [row] = await getDb()
    .select({
      pending: count(),
      dueSoon: sql<number>`(count(*) filter (where ${webhookDeliveries.nextAttemptAt} <= now() + interval '10 seconds'))::int`,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.organisationId, actor.organisationId),
        eq(webhookDeliveries.state, 'pending'),
      ),
    );
  return { pending: row?.pending ?? 0, dueSoon: Number(row?.dueSoon ?? 0) };
}

async function lockEndpoint(tx: Tx, actor: Actor, endpointId: string) {
  const [row] = await tx
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.organisationId, actor.organisationId),
      ),
    )
    .for('update');
  if (!row) throw new ServiceError('not_found', 'No such webhook endpoint in your organisation.');
  return row;
}

const auditView = (e: Pick<WebhookEndpoint, 'url' | 'description' | 'eventTypes' | 'enabled'>) => ({
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
});

/** A new endpoint; its signing secret is in the answer and never again. */
export async function createWebhookEndpoint(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ endpoint: WebhookEndpointView; secret: string }>> {
  const input = await checkedInput(actor, createWebhookSchema, raw);
  if (isFailure(input)) return input;
  return mutation(async (tx) => {
    // Serialise creations per organisation so the cap holds under concurrency.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`webhooks:${actor.organisationId}`}, 0))`,
    );
    const [existing] = await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.organisationId, actor.organisationId));
    if ((existing?.n ?? 0) >= WEBHOOK_ENDPOINTS_MAX)
      throw new ServiceError(
        'conflict',
        `An organisation has at most ${WEBHOOK_ENDPOINTS_MAX} endpoints: delete one first.`,
      );
    const secret = newSecret();
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({
        organisationId: actor.organisationId,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        secretEncrypted: encryptSecret(secret),
      })
      .returning(viewColumns);
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'webhook.created',
      target: target(endpoint!),
      after: auditView(endpoint!),
    });
    return { ok: true as const, endpoint: endpoint!, secret };
  });
}

/** Changes the URL, description, events or enabled state; enabling clears a failure run. */
export async function updateWebhookEndpoint(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ endpoint: WebhookEndpointView }>> {
  const input = await checkedInput(actor, updateWebhookSchema, raw);
  if (isFailure(input)) return input;
  return mutation(async (tx) => {
    const before = await lockEndpoint(tx, actor, input.endpointId);
    if (input.enabled && !before.secretEncrypted)
      throw new ServiceError(
        'conflict',
        'This endpoint has no signing secret yet: rotate its secret, then enable it.',
      );
    const enabling = input.enabled === true && !before.enabled;
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        enabled: input.enabled,
        ...(input.enabled !== undefined ? { disabledReason: null } : {}),
        ...(enabling ? { failingSince: null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, before.id))
      .returning(viewColumns);
    if (input.enabled === false) {
      // Nothing more goes to a disabled endpoint, queued deliveries included.
      await tx
        .update(webhookDeliveries)
        .set({ state: 'failed', updatedAt: sql`now()` })
        .where(
          and(eq(webhookDeliveries.endpointId, before.id), eq(webhookDeliveries.state, 'pending')),
        );
    }
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'webhook.updated',
      target: target(endpoint!),
      before: auditView(before),
      after: auditView(endpoint!),
    });
    return { ok: true as const, endpoint: endpoint! };
  });
}

/** A new signing secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ secret: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'webhook:write');
    const { endpointId } = parseInput(webhookTargetSchema, raw);
    const endpoint = await lockEndpoint(tx, actor, endpointId);
    const secret = newSecret();
    await tx
      .update(webhookEndpoints)
      .set({ secretEncrypted: encryptSecret(secret), updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'webhook.secret_rotated',
      target: target(endpoint),
    });
    return { ok: true as const, secret };
  });
}

export async function deleteWebhookEndpoint(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ endpoint: { id: string; url: string } }>> {
  return mutation(async (tx) => {
    authorize(actor, 'webhook:write');
    const { endpointId } = parseInput(webhookTargetSchema, raw);
    const endpoint = await lockEndpoint(tx, actor, endpointId);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'webhook.deleted',
      target: target(endpoint),
      before: auditView(endpoint),
    });
    return { ok: true as const, endpoint: { id: endpoint.id, url: endpoint.url } };
  });
}

/** Queues a `webhook.test` event for this endpoint alone. */
export async function sendTestEvent(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ eventId: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'webhook:write');
    const { endpointId } = parseInput(webhookTargetSchema, raw);
    const endpoint = await lockEndpoint(tx, actor, endpointId);
    if (!endpoint.enabled)
      throw new ServiceError('conflict', 'Enable the endpoint to send it a test event.');
    const id = randomUUID();
    const createdAt = new Date();
    await tx.insert(webhookEvents).values({
      id,
      organisationId: actor.organisationId,
      type: TEST_EVENT,
      createdAt,
      payload: {
        id: `msg_${id}`,
        type: TEST_EVENT,
        createdAt: createdAt.toISOString(),
        organisation: { id: actor.organisationId, name: actor.organisationName },
        actor: { type: 'user', id: actor.membershipId, label: actor.label },
        data: { endpoint: { id: endpoint.id, url: endpoint.url } },
      },
    });
    await tx
      .insert(webhookDeliveries)
      .values({ eventId: id, endpointId: endpoint.id, organisationId: actor.organisationId });
    return { ok: true as const, eventId: id };
  });
}

/** Sends an event to the endpoint again, as a new delivery with its own retries. */
export async function redeliverEvent(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ eventId: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'webhook:write');
    const { endpointId, eventId } = parseInput(redeliverSchema, raw);
    const endpoint = await lockEndpoint(tx, actor, endpointId);
    if (!endpoint.enabled)
      throw new ServiceError('conflict', 'Enable the endpoint to send it events again.');
    const [event] = await tx
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(
        and(eq(webhookEvents.id, eventId), eq(webhookEvents.organisationId, actor.organisationId)),
      );
    if (!event) throw new ServiceError('not_found', 'No such event in your organisation.');
    await tx
      .insert(webhookDeliveries)
      .values({ eventId: event.id, endpointId: endpoint.id, organisationId: actor.organisationId });
    return { ok: true as const, eventId: event.id };
  });
}
