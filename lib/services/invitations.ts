import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { createElement } from 'react';
import { getDb, prepared, type Tx } from '@/db/client';
import { invitations, roles, type Invitation } from '@/db/schema';
import { now } from '@/lib/clock';
import { newInviteToken } from '@/lib/credentials';
import { sha256 } from '@/lib/crypto';
import { formatUtc } from '@/lib/format';
import { enqueueMail } from '@/lib/mail/outbox';
import { InvitationMail } from '@/lib/mail/templates/invitation';
import { can } from '@/lib/rbac';
import {
  createInvitationSchema,
  invitationIdSchema,
  invitationListQuerySchema,
} from '@/lib/validation/invitations';
import { authorize, roleGrants, type Actor } from './actor';
import { recordAudit } from './audit-log';
import { assertWithin } from './grants';
import { withinLimits } from './rate-limit';
import { ServiceError, fail, parseInput, type Result } from './result';
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

/** A new invitation from the actor; its token (256 bits) is returned, only its hash kept. */
async function insertInvitation(
  tx: Tx,
  actor: Actor,
  input: { roleId: string; email: string | null; lifetimeMs: number },
) {
  const token = newInviteToken();
  const createdAt = now();
  const [inv] = await tx
    .insert(invitations)
    .values({
      organisationId: actor.organisationId,
      roleId: input.roleId,
      tokenHash: sha256(token),
      email: input.email,
      inviterMembershipId: actor.membershipId,
      inviterEmail: actor.label,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + input.lifetimeMs),
    })
    .returning();
  return { token, inv: inv! };
}

async function assignableRole(tx: Tx, actor: Actor, roleId: string) {
  const [role] = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, roleId), eq(roles.organisationId, actor.organisationId)))
    .limit(1);
  if (!role)
    throw new ServiceError('not_found', 'That role does not exist in your organisation.', {
      roleId: 'Choose a role of your organisation.',
    });
  assertWithin(
    actor,
    roleGrants(role),
    (lacking) => `You cannot invite with ${role.name}: it holds what you do not (${lacking}).`,
    { roleId: 'This role holds permissions or audiences you do not have.' },
  );
  return role;
}

/** The page an invitation is answered at (app/invite/[token]); `origin` is the public one. */
export const invitationUrl = (origin: string, token: string) => `${origin}/invite/${token}`;

/**
 * Mails an invitation bound to an address its link, in the transaction that made the
 * link (docs/email.md, "Invitations by email").
 */
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
  if (!inv.email) return;
  await enqueueMail(tx, {
    kind: 'invitation',
    to: inv.email,
    subject: `${inv.inviterEmail} invited you to ${actor.organisationName}`,
    body: createElement(InvitationMail, {
      organisationName: actor.organisationName,
      inviterEmail: inv.inviterEmail,
      roleName,
      expiresUtc: formatUtc(inv.expiresAt),
      url: invitationUrl(origin, token),
    }),
  });
}

/** Invitation mails per organisation and address (a mailbox is not flooded). */
async function invitationMailAllowed(actor: Actor, email: string | null | undefined) {
  if (!email || !can(actor, 'users:invite')) return true;
  return withinLimits('invitationMail', [`${actor.organisationId}:${sha256(email).slice(0, 32)}`]);
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
    const role = await assignableRole(tx, actor, input.roleId);
    const { token, inv } = await insertInvitation(tx, actor, {
      roleId: role.id,
      email: input.email ?? null,
      lifetimeMs: input.lifetimeDays * DAY,
    });
    await mailInvitation(tx, actor, { inv, roleName: role.name, token, origin });
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'invitation.created',
      target: invitationTarget(inv, role.name),
      after: {
        role: role.name,
        email: inv.email,
        expiresAt: inv.expiresAt.toISOString(),
        mailed: !!inv.email,
      },
    });
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

const invitationPage = (after: boolean) =>
  prepared(`invitations_page_${+after}`, (db) =>
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
      .limit(sql.placeholder('take'))
      .prepare(`invitations_page_${+after}`),
  );

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
  const key = decodeCursor(before, z.tuple([instantKey, z.uuid()]));
  const found = await invitationPage(!!key).execute({
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
  const role = await assignableRole(tx, actor, old.roleId);
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
