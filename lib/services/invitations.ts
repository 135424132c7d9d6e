import 'server-only';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { createElement } from 'react';
import { getDb, literalLimit, prepared, type Queryable, type Tx } from '@/db/client';
import { invitations, memberships, roles, type Invitation, type Role } from '@/db/schema';
import { now } from '@/lib/clock';
import { newInviteToken } from '@/lib/credentials';
import { sha256 } from '@/lib/crypto';
import { formatUtc } from '@/lib/format';
import { enqueueMailToEach } from '@/lib/mail/outbox';
import { InvitationMail } from '@/lib/mail/templates/invitation';
import { can } from '@/lib/rbac';
import { emailField } from '@/lib/validation/auth';
import {
  bulkInvitationSchema,
  createInvitationSchema,
  invitationIdSchema,
  INVITATION_PAGE_SIZE,
  invitationListQuerySchema,
  NEWEST_INVITATIONS,
  type BulkInvitationInput,
} from '@/lib/validation/invitations';
import { printable } from '@/lib/validation/text';
import { authorize, roleGrants, type Actor } from './actor';
import { recordAudit, recordAudits } from './audit-log';
import { isWithinActor } from './grants';
import { assertAssignable, assignableRole, roleNotFound } from './roles';
import { atLimit, hitLimitsIn, withinLimits } from './rate-limit';
import { ServiceError, fail, parseInput, toFailure, type Result } from './result';
import { mutation } from './tx';
import { decodeCursor, encodeCursor, instantKey, timestampKey } from './keyset';

// Invitations, the organisation's side: create, list, revoke and regenerate links. The
// invitee's side (the /invite/[token] page) is lib/services/invite-answers.ts.

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'revoked';

export function invitationStatus(inv: Invitation, at = now()): InvitationStatus {
  if (inv.acceptedAt) return 'accepted';
  if (inv.declinedAt) return 'declined';
  if (inv.revokedAt) return 'revoked';
  if (inv.expiresAt <= at) return 'expired';
  return 'pending';
}

const DAY = 24 * 3600 * 1000;
/** An invitation as the target of an audit event. */
export const invitationTarget = (inv: { id: string; email: string | null }, roleName: string) => ({
  type: 'invitation',
  id: inv.id,
  label: inv.email ? `${inv.email} as ${roleName}` : `link for ${roleName}`,
});

/**
 * New invitations from the actor, in one statement; each token (256 bits) is returned,
 * only its hash kept.
 */
async function insertInvitations(
  tx: Tx,
  actor: Actor,
  rows: { roleId: string; email: string | null }[],
  lifetimeMs: number,
): Promise<{ token: string; inv: Invitation }[]> {
  if (rows.length === 0) return [];
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + lifetimeMs);
  const tokens = rows.map(() => newInviteToken());
  const inserted = await tx
    .insert(invitations)
    .values(
      rows.map((row, i) => ({
        organisationId: actor.organisationId,
        roleId: row.roleId,
        tokenHash: sha256(tokens[i]!),
        email: row.email,
        inviterMembershipId: actor.membershipId,
        inviterEmail: actor.label,
        createdAt,
        expiresAt,
      })),
    )
    .returning();
  const byHash = new Map(inserted.map((inv) => [inv.tokenHash, inv]));
  return tokens.map((token) => ({ token, inv: byHash.get(sha256(token))! }));
}

/** A new invitation from the actor; its token (256 bits) is returned, only its hash kept. */
async function insertInvitation(
  tx: Tx,
  actor: Actor,
  input: { roleId: string; email: string | null; lifetimeMs: number },
) {
  const [created] = await insertInvitations(tx, actor, [input], input.lifetimeMs);
  return created!;
}

/** The page an invitation is answered at (app/invite/[token]); `origin` is the public one. */
export const invitationUrl = (origin: string, token: string) => `${origin}/invite/${token}`;

/**
 * Mails each invitation bound to an address its link, in the transaction that made the
 * links (docs/email.md, "Invitations by email"). The template is rendered once per role
 * and expiry, only the link's token differing between the mails.
 */
async function mailInvitations(
  tx: Tx,
  actor: Actor,
  sent: { inv: Invitation; roleName: string; token: string }[],
  origin: string,
) {
  const groups = new Map<string, typeof sent>();
  for (const item of sent) {
    if (!item.inv.email) continue;
    const key = JSON.stringify([item.roleName, item.inv.inviterEmail, item.inv.expiresAt]);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const items of groups.values()) {
    const { inv, roleName } = items[0]!;
    // A token's stand-in: the same length and characters as the tokens put in its place.
    const marker = newInviteToken();
    await enqueueMailToEach(
      tx,
      {
        kind: 'invitation',
        subject: `${inv.inviterEmail} invited you to ${actor.organisationName}`,
        marker,
        body: createElement(InvitationMail, {
          organisationName: actor.organisationName,
          inviterEmail: inv.inviterEmail,
          roleName,
          expiresUtc: formatUtc(inv.expiresAt),
          url: invitationUrl(origin, marker),
        }),
      },
      items.map((i) => ({ to: i.inv.email!, value: i.token })),
    );
  }
}

/** Mails an invitation bound to an address its link (see mailInvitations). */
async function mailInvitation(
  tx: Tx,
  actor: Actor,
  {
    inv,
    roleName,
    token,
    origin,
  }: { inv: Invitation; roleName: string; token: string; origin: string },
) {
  await mailInvitations(tx, actor, [{ inv, roleName, token }], origin);
}

/** The subject of the invitation mail limit: per organisation and address. */
const mailLimitSubject = (actor: Actor, email: string) =>
  `${actor.organisationId}:${sha256(email).slice(0, 32)}`;

/** Invitation mails per organisation and address (a mailbox is not flooded). */
async function invitationMailAllowed(actor: Actor, email: string | null | undefined) {
  if (!email || !can(actor, 'users:invite')) return true;
  return withinLimits('invitationMail', [mailLimitSubject(actor, email)]);
}

/** The audit event of each new invitation, one by one or from a list alike. */
async function recordInvitationsCreated(
  tx: Tx,
  actor: Actor,
  created: { inv: Invitation; roleName: string }[],
) {
  await recordAudits(
    tx,
    actor.organisationId,
    actor,
    created.map(({ inv, roleName }) => ({
      action: 'invitation.created',
      target: invitationTarget(inv, roleName),
      after: {
        role: roleName,
        email: inv.email,
        expiresAt: inv.expiresAt.toISOString(),
        mailed: !!inv.email,
      },
    })),
  );
}
const TOO_MANY_MAILS = 'Too many invitation mails to this address. Try again in an hour.';

/**
 * Creates an invite link with a preset role; bound to an address, the link is also
 * mailed to it. The token is returned once, never stored.
 */
export async function createInvitation(
  actor: Actor,
  raw: unknown,
  origin: string,
): Promise<Result<{ token: string; invitationId: string; expiresAt: Date; mailed: boolean }>> {
  const email = createInvitationSchema.safeParse(raw).data?.email;
  if (!(await invitationMailAllowed(actor, email))) return fail('rate_limited', TOO_MANY_MAILS);
  return mutation(async (tx) => {
    authorize(actor, 'users:invite');
    const input = parseInput(createInvitationSchema, raw);
    const role = await assignableRole(tx, actor, input.roleId, 'invite with');
    const { token, inv } = await insertInvitation(tx, actor, {
      roleId: role.id,
      email: input.email ?? null,
      lifetimeMs: input.lifetimeDays * DAY,
    });
    await mailInvitation(tx, actor, { inv, roleName: role.name, token, origin });
    await recordInvitationsCreated(tx, actor, [{ inv, roleName: role.name }]);
    return {
      ok: true as const,
      token,
      invitationId: inv.id,
      expiresAt: inv.expiresAt,
      mailed: !!inv.email,
    };
  });
}

export interface InvitationRow {
  id: string;
  email: string | null;
  roleName: string;
  inviterEmail: string;
  createdAt: Date;
  expiresAt: Date;
  status: InvitationStatus;
}

/**
 * The sizes the dashboard reads (the user list's five newest, a page of the invitations
 * list), each with its limit in its statement (`literalLimit`); the API's other sizes
 * bind it.
 */
const WRITTEN_TAKES: ReadonlySet<number> = new Set([
  NEWEST_INVITATIONS + 1,
  INVITATION_PAGE_SIZE.default + 1,
]);

const invitationPage = (after: boolean, take: number) => {
  const written = WRITTEN_TAKES.has(take);
  const name = `invitations_page_${+after}_${written ? take : 'n'}`;
  return prepared(name, (db) =>
    db
      .select({
        inv: invitations,
        roleName: roles.name,
        createdKey: timestampKey(invitations.createdAt),
      })
      .from(invitations)
      .innerJoin(roles, eq(roles.id, invitations.roleId))
      .where(
        and(
          eq(invitations.organisationId, sql.placeholder('org')),
          after
            ? sql`(${invitations.createdAt}, ${invitations.id}) < (${sql.placeholder('k0')}::timestamptz, ${sql.placeholder('k1')}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(written ? literalLimit(take) : sql.placeholder('take'))
      .prepare(name),
  );
};

/** An invitations page's cursor: the last row's creation time and id. */
const invitationCursor = z.tuple([instantKey, z.uuid()]);

/**
 * The organisation's invitations, newest first, a page at a time by keyset: `before` is
 * the `next` cursor of the previous page (lib/services/keyset.ts).
 */
export async function listInvitations(
  actor: Actor,
  rawQuery: unknown = {},
): Promise<{ rows: InvitationRow[]; next: string | null }> {
  authorize(actor, 'users:invite');
  const { before, size } = invitationListQuerySchema.parse(rawQuery ?? {});
  const key = decodeCursor(before, invitationCursor);
  const found = await invitationPage(!!key, size + 1).execute({
    org: actor.organisationId,
    k0: key?.[0] ?? null,
    k1: key?.[1] ?? null,
    take: size + 1,
  });
  const at = now();
  const page = found.slice(0, size);
  const last = page.at(-1);
  return {
    rows: page.map(({ inv, roleName }) => ({
      id: inv.id,
      email: inv.email,
      roleName,
      inviterEmail: inv.inviterEmail,
      createdAt: inv.createdAt,
      expiresAt: inv.expiresAt,
      status: invitationStatus(inv, at),
    })),
    next: found.length > size && last ? encodeCursor([last.createdKey, last.inv.id]) : null,
  };
}

async function loadPending(tx: Tx, actor: Actor, invitationId: string) {
  const [row] = await tx
    .select({ inv: invitations, roleName: roles.name })
    .from(invitations)
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .where(
      and(eq(invitations.id, invitationId), eq(invitations.organisationId, actor.organisationId)),
    )
    .limit(1)
    .for('update', { of: invitations });
  if (!row)
    throw new ServiceError('not_found', 'This invitation does not exist in your organisation.');
  return row;
}

export async function revokeInvitation(actor: Actor, raw: unknown): Promise<Result> {
  return mutation(async (tx) => {
    authorize(actor, 'users:invite');
    const { invitationId } = parseInput(invitationIdSchema, raw);
    const { inv, roleName } = await loadPending(tx, actor, invitationId);
    const status = invitationStatus(inv);
    if (status !== 'pending')
      throw new ServiceError('conflict', `This invitation is already ${status}.`);
    await tx.update(invitations).set({ revokedAt: now() }).where(eq(invitations.id, inv.id));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'invitation.revoked',
      target: invitationTarget(inv, roleName),
      before: { status },
      after: { status: 'revoked' },
    });
    return { ok: true as const };
  });
}

/**
 * Replaces an invitation that was not accepted by a new one for the same role, address
 * and lifetime, revoking the old link if it was still pending.
 */
async function replaceInvitation(tx: Tx, actor: Actor, invitationId: string) {
  const { inv: old } = await loadPending(tx, actor, invitationId);
  const oldStatus = invitationStatus(old);
  if (oldStatus === 'accepted')
    throw new ServiceError('conflict', 'This invitation was already accepted.');
  const role = await assignableRole(tx, actor, old.roleId, 'invite with');
  if (oldStatus === 'pending') {
    await tx.update(invitations).set({ revokedAt: now() }).where(eq(invitations.id, old.id));
  }
  const lifetime = Math.max(DAY, old.expiresAt.getTime() - old.createdAt.getTime());
  const { token, inv } = await insertInvitation(tx, actor, {
    roleId: role.id,
    email: old.email,
    lifetimeMs: lifetime,
  });
  return { old, oldStatus, role, token, inv };
}

/**
 * A new link for the same role, email and lifetime; the old link is revoked if it was
 * still pending. Useful when a link was lost or has expired.
 */
export async function regenerateInvitation(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ token: string; invitationId: string; expiresAt: Date }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:invite');
    const { invitationId } = parseInput(invitationIdSchema, raw);
    const { old, oldStatus, role, token, inv } = await replaceInvitation(tx, actor, invitationId);
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'invitation.regenerated',
      target: invitationTarget(inv, role.name),
      before: { invitationId: old.id, status: oldStatus },
      after: { invitationId: inv.id, expiresAt: inv.expiresAt.toISOString() },
    });
    return { ok: true as const, token, invitationId: inv.id, expiresAt: inv.expiresAt };
  });
}

/**
 * "Resend": mails an invitation bound to an address again. Only the link's hash is kept,
 * so the mail carries a new link (as Regenerate makes) and the old one stops working.
 */
export async function resendInvitation(
  actor: Actor,
  raw: unknown,
  origin: string,
): Promise<Result<{ email: string; invitationId: string; expiresAt: Date }>> {
  const id = invitationIdSchema.safeParse(raw).data?.invitationId;
  const [bound] = id
    ? await getDb()
        .select({ email: invitations.email })
        .from(invitations)
        .where(and(eq(invitations.id, id), eq(invitations.organisationId, actor.organisationId)))
    : [];
  if (!(await invitationMailAllowed(actor, bound?.email)))
    return fail('rate_limited', TOO_MANY_MAILS);
  return mutation(async (tx) => {
    authorize(actor, 'users:invite');
    const { invitationId } = parseInput(invitationIdSchema, raw);
    const { inv: current } = await loadPending(tx, actor, invitationId);
    const status = invitationStatus(current);
    if (!current.email)
      throw new ServiceError(
        'conflict',
        'This invitation is a link for anyone, with no address to mail. Regenerate it to copy a new link.',
      );
    if (status !== 'pending' && status !== 'expired')
      throw new ServiceError('conflict', `This invitation is ${status}: it cannot be resent.`);
    const { old, oldStatus, role, token, inv } = await replaceInvitation(tx, actor, invitationId);
    await mailInvitation(tx, actor, { inv, roleName: role.name, token, origin });
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'invitation.resent',
      target: invitationTarget(inv, role.name),
      before: { invitationId: old.id, status: oldStatus },
      after: { invitationId: inv.id, expiresAt: inv.expiresAt.toISOString() },
    });
    return {
      ok: true as const,
      email: current.email,
      invitationId: inv.id,
      expiresAt: inv.expiresAt,
    };
  });
}

// ---------------------------------------------------------------------------------
// Bulk invite (docs/product.md, "Bulk invite"): a list of addresses, each judged on its
// own, then one invitation per address that passes, as createInvitation makes it (the
// same role rule, mail, mail limit and audit event), all in one transaction.

/** What happens (preview) or happened (result) to one row of a list. */
export type BulkInviteOutcome =
  | 'invited'
  | 'already_member'
  | 'already_invited'
  | 'invalid_address'
  | 'duplicate'
  | 'unknown_role'
  | 'role_not_allowed'
  | 'rate_limited';

export interface BulkInviteRow {
  /** The line of the list the row came from (1-based). */
  line: number;
  /** The address, lower-cased; as typed (control characters shown as U+FFFD) when invalid. */
  email: string;
  /** The role's name, or what the row named when no role has it. */
  role: string;
  outcome: BulkInviteOutcome;
}

interface PlannedRow extends BulkInviteRow {
  target?: Role;
}

/**
 * Every row of the list judged, in order: an address, not earlier in the list, a role of
 * the organisation (the row's, by name ignoring case or by id, else the default) within
 * the actor's grants, not a member yet, with no pending invitation. Members and pending
 * invitations are read for all addresses at once. The default role must exist and be
 * within the actor's grants, as for one invitation.
 */
async function planInvitations(
  db: Queryable,
  actor: Actor,
  input: BulkInvitationInput,
): Promise<PlannedRow[]> {
  const orgRoles = await db
    .select()
    .from(roles)
    .where(eq(roles.organisationId, actor.organisationId));
  const byId = new Map(orgRoles.map((r) => [r.id, r]));
  const byName = new Map(orgRoles.map((r) => [r.name.toLowerCase(), r]));
  const fallback = byId.get(input.roleId);
  if (!fallback) throw roleNotFound();
  assertAssignable(actor, fallback, 'invite with');

  const seen = new Set<string>();
  const rows = input.list.map((entry): PlannedRow => {
    const address = emailField.safeParse(entry.email);
    const named = entry.role?.toLowerCase();
    const target = named === undefined ? fallback : (byId.get(named) ?? byName.get(named));
    const row: PlannedRow = {
      line: entry.line,
      email: address.success ? address.data : printable(entry.email, 254),
      role: target?.name ?? printable(entry.role ?? '', 50),
      outcome: 'invited',
      target,
    };
    if (!address.success) row.outcome = 'invalid_address';
    else if (seen.has(address.data)) row.outcome = 'duplicate';
    else {
      seen.add(address.data);
      if (!target) row.outcome = 'unknown_role';
      else if (!isWithinActor(actor, roleGrants(target))) row.outcome = 'role_not_allowed';
    }
    return row;
  });

  const candidates = rows.filter((r) => r.outcome === 'invited').map((r) => r.email);
  if (candidates.length === 0) return rows;
  const [members, pending] = await Promise.all([
    db
      .select({ email: memberships.email })
      .from(memberships)
      .where(
        and(
          eq(memberships.organisationId, actor.organisationId),
          inArray(memberships.email, candidates),
        ),
      ),
    db
      .selectDistinct({ email: invitations.email })
      .from(invitations)
      .where(
        and(
          eq(invitations.organisationId, actor.organisationId),
          inArray(invitations.email, candidates),
          isNull(invitations.acceptedAt),
          isNull(invitations.declinedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now()),
        ),
      ),
  ]);
  const isMember = new Set(members.map((m) => m.email));
  const isInvited = new Set(pending.map((p) => p.email));
  for (const row of rows) {
    if (row.outcome !== 'invited') continue;
    if (isMember.has(row.email)) row.outcome = 'already_member';
    else if (isInvited.has(row.email)) row.outcome = 'already_invited';
  }
  return rows;
}

const publicRow = ({ line, email, role, outcome }: PlannedRow): BulkInviteRow => ({
  line,
  email,
  role,
  outcome,
});

/**
 * What inviting the list would do, row by row, changing nothing: not even the mail limit
 * is counted (a row already at it shows as rate limited).
 */
export async function previewInvitations(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ rows: BulkInviteRow[] }>> {
  try {
    authorize(actor, 'users:invite');
    const input = parseInput(bulkInvitationSchema, raw);
    const db = getDb();
    const rows = await planInvitations(db, actor, input);
    const invited = rows.filter((r) => r.outcome === 'invited');
    const limited = await atLimit(
      db,
      'invitationMail',
      invited.map((r) => mailLimitSubject(actor, r.email)),
    );
    for (const row of invited)
      if (limited.has(mailLimitSubject(actor, row.email))) row.outcome = 'rate_limited';
    return { ok: true, rows: rows.map(publicRow) };
  } catch (err) {
    return toFailure(err);
  }
}

/**
 * Invites every address of the list that passes the checks of planInvitations, each as
 * createInvitation does with an address: its own link, mailed after the commit, counted
 * against the mail limit (a row over it is `rate_limited`), audited as
 * `invitation.created`. Invited rows carry their token, returned once, never stored.
 */
export async function createInvitations(
  actor: Actor,
  raw: unknown,
  origin: string,
): Promise<Result<{ rows: (BulkInviteRow & { token?: string })[]; expiresAt: Date }>> {
  return mutation(async (tx) => {
    authorize(actor, 'users:invite');
    const input = parseInput(bulkInvitationSchema, raw);
    const rows = await planInvitations(tx, actor, input);
    const invited = rows.filter((r) => r.outcome === 'invited');
    const subjects = new Map(invited.map((r) => [r, mailLimitSubject(actor, r.email)]));
    const allowed = await hitLimitsIn(tx, 'invitationMail', [...subjects.values()]);
    const sending = invited.filter((r) => allowed.has(subjects.get(r)!));
    for (const row of invited) if (!allowed.has(subjects.get(row)!)) row.outcome = 'rate_limited';

    const lifetimeMs = input.lifetimeDays * DAY;
    const created = await insertInvitations(
      tx,
      actor,
      sending.map((r) => ({ roleId: r.target!.id, email: r.email })),
      lifetimeMs,
    );
    const tokens = new Map<PlannedRow, string>();
    const sent = created.map(({ token, inv }, i) => {
      tokens.set(sending[i]!, token);
      return { inv, token, roleName: sending[i]!.target!.name };
    });
    await mailInvitations(tx, actor, sent, origin);
    await recordInvitationsCreated(tx, actor, sent);
    return {
      ok: true as const,
      rows: rows.map((r) => {
        const token = tokens.get(r);
        return token ? { ...publicRow(r), token } : publicRow(r);
      }),
      expiresAt: created[0]?.inv.expiresAt ?? new Date(now().getTime() + lifetimeMs),
    };
  });
}
