import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, roles, type Role } from '@/db/schema';
import { now } from '@/lib/clock';
import { isAdminLevel, type Permission } from '@/lib/rbac';
import {
  bulkMemberSchema,
  type BulkMemberAction,
  type BulkMemberInput,
} from '@/lib/validation/members';
import { authorize, roleGrants, type Actor } from './actor';
import { activeAdminRemains, lockOrganisation } from './admin-invariant';
import { recordAudits, type AuditEntry } from './audit-log';
import { assertMemberWithin, matchingMemberBatch, memberTarget } from './members';
import { assignableRole } from './roles';
import { replaceTokenKeys } from './memberships';
import { ServiceError, parseInput, toFailure, type ErrorCode, type Result } from './result';
import { mutation } from './tx';

// Bulk changes of members (docs/product.md, "Bulk actions"): each member's change is
// authorized, checked and audited as if it were done alone (lib/services/members.ts), but
// a batch of members is read, changed and audited in a few statements. Batches are
// transactions of their own, so the organisation's lock is held for one batch at a time;
// the members of a failed check are refused, the others changed.

/** The permission each bulk action needs, as its one-member counterpart. */
export const BULK_PERMISSION: Record<BulkMemberAction, Permission> = {
  change_role: 'users:update',
  suspend: 'users:suspend',
  reactivate: 'users:suspend',
  reset_token: 'users:reset-token',
  remove: 'users:delete',
};

/** Members changed in one transaction. */
export const BULK_BATCH = 500;
/** Members one call works through: "all matching" goes on with the answer's `next`. */
export const BULK_CHUNK = 5000;

/** Why a member was refused, as the one-member change answers (404, 403, 409). */
export type RowCode = Extract<ErrorCode, 'not_found' | 'forbidden' | 'conflict'>;

export type BulkRow =
  | { id: string; email: string; ok: true }
  | { id: string; email: string | null; ok: false; code: RowCode; reason: string };

export interface BulkAnswer {
  action: BulkMemberAction;
  results: BulkRow[];
  succeeded: number;
  refused: number;
  /** Where the next call goes on (as `after`); null when every member has been seen. */
  next: string | null;
}

const LAST_ADMIN =
  'The last active admin of the organisation stays: give another member an admin role first.';

/**
 * Applies one action to many members: the ones named (at most BULK_MAX_MEMBERS), or
 * every member matching the user list's filter, BULK_CHUNK at a time. Refuses the whole
 * request only when the actor lacks the action's permission or the input is wrong;
 * a member it may not change is a refused row with the reason.
 */
export async function bulkUpdateMembers(
  actor: Actor,
  raw: unknown,
  { chunk = BULK_CHUNK, batch = BULK_BATCH }: { chunk?: number; batch?: number } = {},
): Promise<Result<BulkAnswer>> {
  try {
    return { ok: true, ...(await run(actor, raw, chunk, batch)) };
  } catch (err) {
    return toFailure(err);
  }
}

async function run(actor: Actor, raw: unknown, chunk: number, batch: number): Promise<BulkAnswer> {
  const input = parseInput(bulkMemberSchema, raw);
  // Bulk actions work on the user list: reading it, and each action's own permission.
  authorize(actor, 'users:read');
  authorize(actor, BULK_PERMISSION[input.action]);
  const answer: BulkAnswer = {
    action: input.action,
    results: [],
    succeeded: 0,
    refused: 0,
    next: null,
  };
  const add = (rows: BulkRow[]) => {
    for (const row of rows) {
      answer.results.push(row);
      if (row.ok) answer.succeeded++;
      else answer.refused++;
    }
  };
  if (input.members) {
    const ids = [...new Set(input.members.map((id) => id.toLowerCase()))];
    for (let i = 0; i < ids.length; i += batch)
      add(await applyBatch(actor, input, ids.slice(i, i + batch)));
    return answer;
  }
  let after = input.after;
  for (let seen = 0; seen < chunk;) {
    const found = await matchingMemberBatch(
      actor.organisationId,
      input.filter!,
      after,
      Math.min(batch, chunk - seen),
    );
    if (found.ids.length) add(await applyBatch(actor, input, found.ids));
    seen += found.ids.length;
    after = found.next ?? undefined;
    if (!found.next) return answer;
  }
  answer.next = after ?? null;
  return answer;
}

type Loaded = {
  membership: typeof memberships.$inferSelect;
  role: Role;
};

/** One batch, in one transaction: each member checked, the allowed ones changed. */
async function applyBatch(actor: Actor, input: BulkMemberInput, ids: string[]): Promise<BulkRow[]> {
  const result = await mutation(async (tx) => {
    const { action } = input;
    // As the one-member changes: those that may take away an admin lock the organisation.
    if (action !== 'reset_token' && action !== 'reactivate')
      await lockOrganisation(tx, actor.organisationId);
    const next =
      action === 'change_role' ? await assignableRole(tx, actor, input.roleId!, 'assign') : null;
    const found = await tx
      .select({ membership: memberships, role: roles })
      .from(memberships)
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(
        and(inArray(memberships.id, ids), eq(memberships.organisationId, actor.organisationId)),
      )
      .orderBy(asc(memberships.id))
      .for('update', { of: memberships });
    const byId = new Map(found.map((row) => [row.membership.id, row]));

    const rows: BulkRow[] = [];
    const allowed: Loaded[] = [];
    const refuse = (id: string, email: string | null, code: RowCode, reason: string) =>
      rows.push({ id, email, ok: false, code, reason });
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) {
        refuse(id, null, 'not_found', 'This user is not a member of your organisation.');
        continue;
      }
      const refusal = checkMember(actor, action, row, next);
      if (refusal) refuse(id, row.membership.email, refusal.code, refusal.reason);
      else allowed.push(row);
    }

    // The last active admin stays: when the batch would take away every active admin
    // left, the last active one in the batch is refused, as it would be one by one.
    const losing = allowed.filter((row) => takesAwayAdmin(action, row, next));
    if (
      losing.length &&
      !(await activeAdminRemains(tx, actor.organisationId, {
        membershipIds: losing.map((row) => row.membership.id),
      }))
    ) {
      const active = losing.filter((row) => !row.membership.suspendedAt);
      for (const kept of active.length ? [active.at(-1)!] : losing) {
        allowed.splice(allowed.indexOf(kept), 1);
        refuse(kept.membership.id, kept.membership.email, 'conflict', LAST_ADMIN);
      }
    }

    const entries = await applyAction(tx, input, allowed, next);
    await recordAudits(tx, actor.organisationId, actor, entries);
    for (const { membership } of allowed)
      rows.push({ id: membership.id, email: membership.email, ok: true });
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  });
  if (Array.isArray(result)) return result;
  // A failure of the whole batch (the role given has gone, say): every member refused.
  throw new ServiceError(result.code, result.error, result.fieldErrors);
}

/** Why this member may not be changed so, or null: the one-member rules. */
function checkMember(
  actor: Actor,
  action: BulkMemberAction,
  { membership, role }: Loaded,
  next: Role | null,
): { code: RowCode; reason: string } | null {
  try {
    assertMemberWithin(actor, membership, role);
  } catch (err) {
    if (err instanceof ServiceError) return { code: 'forbidden', reason: err.message };
    throw err;
  }
  switch (action) {
    case 'suspend':
      if (membership.suspendedAt)
        return { code: 'conflict', reason: `${membership.email} is already suspended.` };
      if (membership.accountId === actor.accountId)
        return { code: 'conflict', reason: 'You cannot suspend yourself.' };
      return null;
    case 'reactivate':
      return membership.suspendedAt
        ? null
        : { code: 'conflict', reason: `${membership.email} is not suspended.` };
    case 'change_role':
      return next && next.id === role.id
        ? { code: 'conflict', reason: `${membership.email} already has the ${next.name} role.` }
        : null;
    default:
      return null;
  }
}

/** Whether the change leaves this member no longer an active admin. */
function takesAwayAdmin(action: BulkMemberAction, { role }: Loaded, next: Role | null) {
  if (!isAdminLevel(roleGrants(role).permissions)) return false;
  if (action === 'remove' || action === 'suspend') return true;
  if (action === 'change_role') return !!next && !isAdminLevel(roleGrants(next).permissions);
  return false;
}

/** Changes the allowed members in a few statements; their audit entries. */
async function applyAction(
  tx: Tx,
  input: BulkMemberInput,
  allowed: Loaded[],
  next: Role | null,
): Promise<AuditEntry[]> {
  if (allowed.length === 0) return [];
  const ids = allowed.map((row) => row.membership.id);
  switch (input.action) {
    case 'suspend': {
      const reason = input.reason ?? null;
      await tx
        .update(memberships)
        .set({ suspendedAt: now(), suspensionReason: reason })
        .where(inArray(memberships.id, ids));
      return allowed.map(({ membership, role }) => ({
        action: 'member.suspended',
        target: memberTarget(membership),
        before: { status: 'active' },
        after: { status: 'suspended', reason, role: role.name },
      }));
    }
    case 'reactivate':
      await tx
        .update(memberships)
        .set({ suspendedAt: null, suspensionReason: null })
        .where(inArray(memberships.id, ids));
      return allowed.map(({ membership, role }) => ({
        action: 'member.reactivated',
        target: memberTarget(membership),
        before: {
          status: 'suspended',
          since: membership.suspendedAt!.toISOString(),
          reason: membership.suspensionReason,
        },
        after: { status: 'active', role: role.name },
      }));
    case 'reset_token': {
      const keys = await replaceTokenKeys(tx, ids);
      return allowed.map(({ membership }) => ({
        action: 'member.token_reset',
        target: memberTarget(membership),
        before: { tokenKey: membership.tokenKey },
        after: { tokenKey: keys.get(membership.id) },
      }));
    }
    case 'change_role': {
      const keys = await replaceTokenKeys(tx, ids, { roleId: next!.id });
      return allowed.map(({ membership, role }) => ({
        action: 'member.role_changed',
        target: memberTarget(membership),
        before: { role: role.name, roleId: role.id, tokenKey: membership.tokenKey },
        after: { role: next!.name, roleId: next!.id, tokenKey: keys.get(membership.id) },
      }));
    }
    case 'remove':
      await tx.delete(memberships).where(inArray(memberships.id, ids));
      return allowed.map(({ membership, role }) => ({
        action: 'member.deleted',
        target: memberTarget(membership),
        before: {
          email: membership.email,
          role: role.name,
          tokenKey: membership.tokenKey,
          createdAt: membership.createdAt.toISOString(),
        },
      }));
  }
}
