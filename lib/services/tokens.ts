import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { getDb, prepared } from '@/db/client';
import { accounts, bintuTokens, memberships, organisations, roles } from '@/db/schema';
import { now } from '@/lib/clock';
import { decryptSecret, encryptSecret, randomToken, sha256 } from '@/lib/crypto';
import { passwordTokenSchema, BINTU_TOKEN_TTL_SECONDS } from '@/lib/validation/tokens';
import { verifySignIn } from './accounts';
import {
  authorize,
  memberActor,
  memberActorColumns,
  resolveMemberActor,
  roleGrants,
  type Actor,
  type RequestContext,
} from './actor';
import { recordAudit } from './audit-log';
import { newApiKey } from './organisations';
import { hitLimit } from './rate-limit';
import { ServiceError, fail, type Result } from './result';
import { mutation } from './tx';

// Bintu tokens: opaque bearer tokens for /api/v1. Only their SHA-256 is stored, with
// the Token Key of the membership at issue time: a reset, a role change (both replace
// the Token Key) or a removal (the row goes with the membership) ends them at once.

export const BINTU_PREFIX = 'bt_';
export const API_KEY_PREFIX = 'ak_';

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
    const token = `${BINTU_PREFIX}${randomToken(32)}`;
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
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
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
  const actor = await resolveMemberActor({
    accountId: signIn.accountId,
    organisationId: org.id,
    context,
  });
  if (!actor || actor.organisationId !== org.id)
    return fail('unauthenticated', 'Not a member of that organisation.');
  if (!actor.audiences.has('api'))
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

const bintuTokenActor = () =>
  prepared('bintu_token_actor', (db) =>
    db
      .select(memberActorColumns)
      .from(bintuTokens)
      .innerJoin(
        memberships,
        and(
          eq(memberships.id, bintuTokens.membershipId),
          eq(memberships.tokenKey, bintuTokens.tokenKey),
        ),
      )
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(roles, eq(roles.id, memberships.roleId))
      .where(
        and(
          eq(bintuTokens.tokenHash, sql.placeholder('hash')),
          gt(bintuTokens.expiresAt, sql.placeholder('now')),
        ),
      )
      .limit(1)
      .prepare('bintu_token_actor'),
  );

const apiKeyActor = () =>
  prepared('api_key_actor', (db) =>
    db
      .select({ org: organisations, role: roles })
      .from(organisations)
      .innerJoin(roles, and(eq(roles.organisationId, organisations.id), eq(roles.key, 'admin')))
      .where(eq(organisations.apiKeyHash, sql.placeholder('hash')))
      .limit(1)
      .prepare('api_key_actor'),
  );

/**
 * The member behind a bintu token, or null: unknown, expired, reset, changed or removed.
 * Token, membership, account, organisation and role in one query: one round trip.
 */
export async function authenticateBintuToken(
  token: string,
  context: RequestContext,
): Promise<Actor | null> {
  if (!token.startsWith(BINTU_PREFIX) || token.length > 100) return null;
  const [row] = await bintuTokenActor().execute({ hash: sha256(token), now: now().toISOString() });
  return row ? memberActor(row, context) : null;
}

/** The organisation's API key acts as its Admin role. */
export async function authenticateApiKey(
  key: string,
  context: RequestContext,
): Promise<Actor | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 100) return null;
  const [row] = await apiKeyActor().execute({ hash: sha256(key) });
  if (!row) return null;
  const grants = roleGrants(row.role);
  return {
    kind: 'api_key',
    accountId: null,
    membershipId: null,
    label: 'API key',
    organisationId: row.org.id,
    organisationName: row.org.name,
    role: {
      id: row.role.id,
      key: row.role.key,
      name: row.role.name,
      description: row.role.description,
    },
    tokenKey: null,
    permissions: new Set(grants.permissions),
    audiences: new Set(grants.audiences),
    context,
  };
}

/** The API key in clear, for those allowed to see it. */
export async function getApiKey(actor: Actor): Promise<string> {
  authorize(actor, 'apikey:read');
  const [org] = await getDb()
    .select({ enc: organisations.apiKeyEncrypted })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  if (!org) throw new ServiceError('not_found', 'Organisation not found.');
  return decryptSecret(org.enc);
}

/** A new API key; the old one stops working at once. Needs `apikey:read`. */
export async function rotateApiKey(actor: Actor): Promise<Result<{ apiKey: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'apikey:read');
    const [before] = await tx
      .select({ hash: organisations.apiKeyHash })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId))
      .for('update');
    const apiKey = newApiKey();
    await tx
      .update(organisations)
      .set({ apiKeyHash: sha256(apiKey), apiKeyEncrypted: encryptSecret(apiKey) })
      .where(eq(organisations.id, actor.organisationId));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'apikey.rotated',
      target: { type: 'organisation', id: actor.organisationId, label: actor.organisationName },
      // Fingerprints only: the key itself never enters the log.
      before: { fingerprint: before?.hash.slice(0, 12) },
      after: { fingerprint: sha256(apiKey).slice(0, 12) },
    });
    return { ok: true as const, apiKey };
  });
}
