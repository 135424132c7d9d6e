import 'server-only';
import type { Tx } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { NO_CONTEXT, type Actor, type RequestContext } from './actor';
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
 * Several audit events of one actor in one statement (a bulk change writes one per thing
 * changed), each exactly as recordAudit writes it, with its webhook event.
 */
export async function recordAudits(
  tx: Tx,
  organisationId: string,
  actor: AuditActor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const isMember = actor.kind === 'member';
  const context = actor.context ?? NO_CONTEXT;
  const actorType = actor.kind === 'member' || actor.kind === 'account' ? 'user' : actor.kind;
  const events = await tx
    .insert(auditEvents)
    .values(
      entries.map((entry): typeof auditEvents.$inferInsert => ({
        organisationId,
        actorType,
        actorAccountId: actor.accountId ?? null,
        actorMembershipId: isMember ? actor.membershipId : null,
        actorLabel: actor.label,
        action: entry.action,
        targetType: entry.target.type,
        targetId: entry.target.id ?? null,
        targetLabel: entry.target.label ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        ip: context.ip,
        userAgent: context.userAgent?.slice(0, 512) ?? null,
        requestId: context.requestId,
      })),
    )
    .returning({ createdAt: auditEvents.createdAt, actorType: auditEvents.actorType });
  await enqueueWebhookEvents(
    tx,
    entries.map((entry, i) => ({
      organisationId,
      action: entry.action,
      // The transaction's time: the same for every event of the statement.
      createdAt: events[i]!.createdAt,
      actor: {
        type: events[i]!.actorType,
        id: isMember
          ? actor.membershipId
          : actor.kind === 'api_key'
            ? null
            : (actor.accountId ?? null),
        label: actor.label,
      },
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
