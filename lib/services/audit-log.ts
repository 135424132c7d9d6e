import 'server-only';
import type { Tx } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { NO_CONTEXT, type Actor, type RequestContext } from './actor';

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

/** Writes one audit event inside the caller's transaction: it lands or rolls back with it. */
export async function recordAudit(
  tx: Tx,
  organisationId: string,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const isMember = actor.kind === 'member';
  const context = actor.context ?? NO_CONTEXT;
  await tx.insert(auditEvents).values({
    organisationId,
    actorType: actor.kind === 'member' || actor.kind === 'account' ? 'user' : actor.kind,
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
  });
}
