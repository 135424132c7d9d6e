import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  accounts,
  invitations,
  memberships,
  organisations,
  roles,
  type Invitation,
} from '@/db/schema';
import { now } from '@/lib/clock';
import { sha256 } from '@/lib/crypto';
import { inviteTokenSchema } from '@/lib/validation/invitations';
import { roleGrants, type RequestContext } from './actor';
import { recordAudit } from './audit-log';
import { invitationStatus, invitationTarget } from './invitations';
import { insertMembership } from './memberships';
import { withinLimits } from './rate-limit';
import { mutation } from './tx';

// Invitations, the invitee's side: what /invite/[token] shows, and the answer to it.
// The organisation's side (create, list, revoke, regenerate) is lib/services/invitations.ts.

export type InviteView =
  | {
      state: 'pending';
      organisationId: string;
      organisationName: string;
      inviterEmail: string;
      boundEmail: string | null;
      expiresAt: Date;
      role: ReturnType<typeof roleGrants> & { name: string; description: string };
    }
  /** These reveal nothing about the organisation. */
  | { state: 'expired' | 'revoked' | 'used' | 'not_found' | 'rate_limited' };

/**
 * Lookups are limited per link and per client address; answers per account and per
 * client address (the address as lib/auth/request-context.ts resolves it).
 */

/** What an invitee is told of an invitation no longer pending: used, expired or revoked. */
function closedState(inv: Invitation) {
  const status = invitationStatus(inv);
  if (status === 'pending') return null;
  return status === 'accepted' || status === 'declined' ? 'used' : status;
}

/** What the invite page shows. One indexed lookup by the token's hash. */
export async function lookupInvitation(
  token: string,
  context: RequestContext,
): Promise<InviteView> {
  if (!inviteTokenSchema.safeParse(token).success) return { state: 'not_found' };
  const limited = !(await withinLimits('inviteLookup', [
    `token:${sha256(token).slice(0, 24)}`,
    context.ip && `ip:${context.ip}`,
  ]));
  if (limited) return { state: 'rate_limited' };
  const [row] = await getDb()
    .select({ inv: invitations, role: roles, organisationName: organisations.name })
    .from(invitations)
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  if (!row) return { state: 'not_found' };
  const closed = closedState(row.inv);
  if (closed) return { state: closed };
  return {
    state: 'pending',
    organisationId: row.inv.organisationId,
    organisationName: row.organisationName,
    inviterEmail: row.inv.inviterEmail,
    boundEmail: row.inv.email,
    expiresAt: row.inv.expiresAt,
    role: { name: row.role.name, description: row.role.description, ...roleGrants(row.role) },
  };
}

/**
 * Whether `returnTo` is the page of a live invitation that `email` may accept: what lets
 * someone sign up when sign-up is by invitation only (docs/product.md, "Sign in and sign
 * up"). A read only, so a refused sign-up writes nothing; tokens are 256 bits, so there is
 * nothing to guess.
 */
export async function invitationAdmits(returnTo: string, email: string): Promise<boolean> {
  const token = /^\/invite\/([^/?#]+)$/.exec(returnTo)?.[1];
  if (!token || !inviteTokenSchema.safeParse(token).success) return false;
  const [inv] = await getDb()
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  return !!inv && !closedState(inv) && (!inv.email || inv.email === email);
}

export type InviteAnswer =
  | { ok: true; organisationId: string }
  | {
      ok: false;
      reason:
        | 'expired'
        | 'revoked'
        | 'used'
        | 'not_found'
        | 'rate_limited'
        | 'email_mismatch'
        | 'email_unverified'
        | 'already_member'
        | 'signed_out';
    };

/**
 * Accepts or declines an invitation for a signed-in account. The invitation row is
 * locked, so of many simultaneous answers to one invite exactly one takes it.
 */
export async function answerInvitation(
  account: { id: string; email: string } | null,
  token: string,
  answer: 'accept' | 'decline',
  context: RequestContext,
): Promise<InviteAnswer> {
  if (!account) return { ok: false, reason: 'signed_out' };
  if (!inviteTokenSchema.safeParse(token).success) return { ok: false, reason: 'not_found' };
  const allowed = await withinLimits('inviteAccept', [
    `account:${account.id}`,
    context.ip && `ip:${context.ip}`,
  ]);
  if (!allowed) return { ok: false, reason: 'rate_limited' };
  const outcome = await mutation(async (tx): Promise<InviteAnswer> => {
    const [row] = await tx
      .select({ inv: invitations, roleName: roles.name })
      .from(invitations)
      .innerJoin(roles, eq(roles.id, invitations.roleId))
      .where(eq(invitations.tokenHash, sha256(token)))
      .limit(1)
      .for('update', { of: invitations });
    if (!row) return { ok: false, reason: 'not_found' };
    const { inv, roleName } = row;
    const closed = closedState(inv);
    if (closed) return { ok: false, reason: closed };
    if (inv.email) {
      // Bound to an address: only an account that proved that address may answer
      // (docs/email.md, "Verified addresses"). Read here, not from the session.
      const [holder] = await tx
        .select({ email: accounts.email, verifiedAt: accounts.emailVerifiedAt })
        .from(accounts)
        .where(eq(accounts.id, account.id));
      if (inv.email !== holder?.email) return { ok: false, reason: 'email_mismatch' };
      if (!holder.verifiedAt) return { ok: false, reason: 'email_unverified' };
    }
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.organisationId, inv.organisationId),
          eq(memberships.accountId, account.id),
        ),
      )
      .limit(1);
    if (existing) return { ok: false, reason: 'already_member' };

    const who = { kind: 'account' as const, label: account.email, accountId: account.id, context };
    if (answer === 'decline') {
      await tx.update(invitations).set({ declinedAt: now() }).where(eq(invitations.id, inv.id));
      await recordAudit(tx, inv.organisationId, who, {
        action: 'invitation.declined',
        target: invitationTarget(inv, roleName),
        before: { status: 'pending' },
        after: { status: 'declined', by: account.email },
      });
      return { ok: true, organisationId: inv.organisationId };
    }
    const membership = await insertMembership(tx, {
      organisationId: inv.organisationId,
      accountId: account.id,
      roleId: inv.roleId,
      email: account.email,
    });
    await tx
      .update(invitations)
      .set({ acceptedAt: now(), acceptedByAccountId: account.id })
      .where(eq(invitations.id, inv.id));
    await recordAudit(tx, inv.organisationId, who, {
      action: 'invitation.accepted',
      target: invitationTarget(inv, roleName),
      before: { status: 'pending' },
      after: {
        status: 'accepted',
        membershipId: membership.id,
        email: account.email,
        role: roleName,
      },
    });
    return { ok: true, organisationId: inv.organisationId };
  });
  return 'code' in outcome ? { ok: false, reason: 'not_found' } : outcome;
}
