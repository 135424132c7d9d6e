import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { NO_CONTEXT, type Actor, type RequestContext } from './actor';
import { rowsOf } from './sql';
import { enqueueWebhookEvents } from './webhook-outbox';

export interface AuditEntry {
  action: string;
  target: { type: string; id?: string | null; label?: string | null };
  before?: unknown;
  after?: unknown;
}

type AuditActor =
  | Actor
  | {
      /** `account`: signed in but acting outside a membership (accepting an invite). */
      kind: 'account' | 'system' | 'anonymous';
      label: string;
      accountId?: string | null;
      context?: RequestContext;
    };

/**
 * Writes one audit event inside the caller's transaction, and its webhook event for the
 * endpoints that want it: they land or roll back with it.
 */
export async function recordAudit(
  tx: Tx,
  organisationId: string,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await recordAudits(tx, organisationId, actor, [entry]);
}

/**
 * Writes one actor's audit events in one organisation, each as `recordAudit` would, in
 * two statements however many (a bulk change of members writes one event per member).
 */
export async function recordAudits(
  tx: Tx,
  organisationId: string,
  actor: AuditActor,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const isMember = actor.kind === 'member';
  const context = actor.context ?? NO_CONTEXT;
  const actorType: 'user' | 'api_key' | 'system' | 'anonymous' =
    actor.kind === 'member' || actor.kind === 'account' ? 'user' : actor.kind;
  // The actor's columns once, each event's own as one JSON parameter: a batch of
  // events costs one statement however many there are.
  const rows = JSON.stringify(
    entries.map((entry) => ({
      action: entry.action,
      target_type: entry.target.type,
      target_id: entry.target.id ?? null,
      target_label: entry.target.label ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })),
  );
  const written = await tx.execute<{ created_at: string }>(sql`
    insert into ${auditEvents} (organisation_id, actor_type, actor_account_id,
      actor_membership_id, actor_label, action, target_type, target_id, target_label,
      before, after, ip, user_agent, request_id)
    select ${organisationId}, ${actorType}, ${actor.accountId ?? null},
      ${isMember ? actor.membershipId : null}, ${actor.label}, e.action, e.target_type,
      e.target_id, e.target_label, e.before, e.after, ${context.ip},
      ${context.userAgent?.slice(0, 512) ?? null}, ${context.requestId}
    from rows from (jsonb_to_recordset(${rows}::jsonb) as (action text, target_type text,
      target_id text, target_label text, before jsonb, after jsonb)) with ordinality
      as e(action, target_type, target_id, target_label, before, after, n)
    order by e.n
    returning created_at`);
  const createdAt = new Date(rowsOf<{ created_at: string | Date }>(written)[0]!.created_at);
  const actorRef = {
    type: actorType,
    id: isMember ? actor.membershipId : actor.kind === 'api_key' ? null : (actor.accountId ?? null),
    label: actor.label,
  };
  await enqueueWebhookEvents(
    tx,
    entries.map((entry) => ({
      organisationId,
      action: entry.action,
      createdAt,
      actor: actorRef,
      data: {
        target: {
          type: entry.target.type,
          id: entry.target.id ?? null,
          label: entry.target.label ?? null,
        },
        before: entry.before ?? null,
        after: entry.after ?? null,
      },
    })),
  );
}
