import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { bintuTokens, memberships, organisations } from '@/db/schema';
import { now } from '@/lib/clock';
import { newBintuToken } from '@/lib/credentials';
import { sha256 } from '@/lib/crypto';
import { hasAudience } from '@/lib/rbac';
import { passwordTokenSchema, BINTU_TOKEN_TTL_SECONDS } from '@/lib/validation/tokens';
import { verifySignIn } from './accounts';
import { authorize, resolveMemberActor, type Actor, type RequestContext } from './actor';
import { recordAudit } from './audit-log';
import { hitLimit } from './rate-limit';
import { ServiceError, fail, type Result } from './result';
import { mutation } from './tx';

// Bintu tokens: opaque bearer tokens for /api/v1. Only their SHA-256 is stored, with
// the Token Key of the membership at issue time: a reset, a role change (both replace
// the Token Key) or a removal (the row goes with the membership) ends them at once.
// lib/services/authenticate.ts turns one back into its member.

/** Issues a bintu token for the actor's own membership. Shown once. */
export async function issueBintuToken(
  actor: Actor,
): Promise<Result<{ token: string; expiresAt: Date; tokenKey: string }>> {
  // Counted outside the transaction: PGlite has one connection, which it holds.
  if (actor.membershipId) {
    const limit = await hitLimit('tokenCreate', actor.membershipId);
    if (!limit.allowed)
      return fail('rate_limited', 'Too many tokens requested. Try again in a minute.');
  }
  return mutation(async (tx) => {
    authorize(actor, 'token:read');
    // As POST /api/v1/auth/token: a token is for the API, which this role cannot use.
    if (!hasAudience(actor, 'api'))
      throw new ServiceError('forbidden', 'Your role does not include the REST API.');
    if (actor.kind !== 'member' || !actor.membershipId) {
      throw new ServiceError(
        'forbidden',
        'Only members get bintu tokens; the API key is used as it is.',
      );
    }
    const [membership] = await tx
      .select({ tokenKey: memberships.tokenKey })
      .from(memberships)
      .where(eq(memberships.id, actor.membershipId))
      .limit(1);
    if (!membership)
      throw new ServiceError('not_found', 'You are no longer a member of this organisation.');
    const token = newBintuToken();
    const expiresAt = new Date(now().getTime() + BINTU_TOKEN_TTL_SECONDS * 1000);
    const [row] = await tx
      .insert(bintuTokens)
      .values({
        membershipId: actor.membershipId,
        tokenHash: sha256(token),
        tokenKey: membership.tokenKey,
        expiresAt,
      })
      .returning({ id: bintuTokens.id });
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'token.issued',
      target: { type: 'bintu_token', id: row!.id, label: actor.label },
      after: { tokenKey: membership.tokenKey, expiresAt: expiresAt.toISOString() },
    });
    return { ok: true as const, token, expiresAt, tokenKey: membership.tokenKey };
  });
}

/**
 * POST /api/v1/auth/token: email and password (and the organisation, for accounts in
 * several) for a bintu token. Rate limited like sign-in.
 */
export async function issueBintuTokenWithPassword(
  raw: unknown,
  context: RequestContext,
): Promise<Result<{ token: string; expiresAt: Date; organisation: { id: string; name: string } }>> {
  const parsed = passwordTokenSchema.safeParse(raw);
  if (!parsed.success)
    return fail('invalid', 'Give email and password.', { _: parsed.error.issues[0]!.message });
  const signIn = await verifySignIn(parsed.data, context);
  if (!signIn.ok) {
    return signIn.reason === 'rate_limited'
      ? fail('rate_limited', 'Too many attempts. Try again in a minute.')
      : fail('unauthenticated', 'That email and password do not match an account.');
  }
  const choices = await getDb()
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      suspended: sql<boolean>`${memberships.suspendedAt} is not null`,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.accountId, signIn.accountId));
  const wanted = parsed.data.organisation;
  const org = wanted
    ? choices.find((o) => o.id === wanted || o.slug === wanted)
    : choices.length === 1
      ? choices[0]
      : undefined;
  if (!org) {
    return choices.length === 0
      ? fail('forbidden', 'This account is not a member of any organisation.')
      : fail(
          'invalid',
          'This account belongs to several organisations: give `organisation` (its id or slug).',
          {
            organisation: choices.map((o) => o.slug).join(', '),
          },
        );
  }
  if (org.suspended) return fail('forbidden', 'Your access to this organisation is suspended.');
  const actor = await resolveMemberActor({
    accountId: signIn.accountId,
    organisationId: org.id,
    context,
  });
  if (!actor || actor.organisationId !== org.id)
    return fail('unauthenticated', 'Not a member of that organisation.');
  if (!hasAudience(actor, 'api'))
    return fail('forbidden', 'Your role does not include the REST API.');
  const issued = await issueBintuToken(actor);
  if (!issued.ok) return issued;
  return {
    ok: true,
    token: issued.token,
    expiresAt: issued.expiresAt,
    organisation: { id: org.id, name: org.name },
  };
}
