import 'server-only';
import { hkdfSync, randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { streams, tags } from '@/db/schema';
import { now } from '@/lib/clock';
import { hasAudience } from '@/lib/rbac';
import { authSecret } from '@/lib/secret';
import { playbackTokenSchema, verifyPlaybackSchema } from '@/lib/validation/tokens';
import { authorize, type Actor } from './actor';
import { recordAudit } from './audit-log';
import { ServiceError, fail, fieldErrorsOf, parseInput, type Result } from './result';
import { mutation } from './tx';

// Playback tokens are HS256 JWTs signed with a key derived from AUTH_SECRET and the
// organisation id: any instance verifies them without a database lookup, and they
// outlive the issuer's token reset, role change or removal until `exp`.

const ISSUER = 'org-dashboard';
const AUDIENCE = 'playback';

function signingKey(organisationId: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', authSecret(), organisationId, 'playback-token v1', 32));
}

export type PlaybackTarget = { streams: string[] } | { tag: string } | { orgwide: true };

export interface PlaybackClaims {
  jti: string;
  org: string;
  /** The issuing member (account id), or "api-key". */
  sub: string;
  target: PlaybackTarget;
  iat: number;
  nbf?: number;
  exp: number;
}

export async function createPlaybackToken(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ token: string; claims: PlaybackClaims }>> {
  return mutation(async (tx) => {
    authorize(actor, 'playback-tokens:create');
    if (!hasAudience(actor, 'playback')) {
      throw new ServiceError('forbidden', 'Your role does not include the playback audience.');
    }
    const input = parseInput(playbackTokenSchema, raw);
    let target: PlaybackTarget;
    if (input.streams) {
      const found = await tx
        .select({ id: streams.id })
        .from(streams)
        .where(
          and(
            eq(streams.organisationId, actor.organisationId),
            inArray(streams.id, input.streams),
            ne(streams.state, 'deleted'),
          ),
        );
      const missing = input.streams.filter((id) => !found.some((f) => f.id === id));
      if (missing.length)
        throw new ServiceError('not_found', `Unknown stream ${missing[0]} in your organisation.`);
      target = { streams: [...new Set(input.streams)] };
    } else if (input.tag) {
      const [tag] = await tx
        .select({ name: tags.name })
        .from(tags)
        .where(
          and(
            eq(tags.organisationId, actor.organisationId),
            sql`lower(${tags.name}) = ${input.tag.toLowerCase()}`,
          ),
        )
        .limit(1);
      if (!tag)
        throw new ServiceError('not_found', `Unknown tag “${input.tag}” in your organisation.`);
      target = { tag: tag.name };
    } else {
      target = { orgwide: true };
    }
    const iat = Math.floor(now().getTime() / 1000);
    if (input.notBefore !== undefined && input.notBefore >= iat + input.expiresIn) {
      throw new ServiceError('invalid', 'notBefore must come before the token expires.', {
        notBefore: 'Choose a time before the expiry (now + expiresIn).',
      });
    }
    const claims: PlaybackClaims = {
      jti: randomUUID(),
      org: actor.organisationId,
      sub: actor.accountId ?? 'api-key',
      target,
      iat,
      ...(input.notBefore ? { nbf: input.notBefore } : {}),
      exp: iat + input.expiresIn,
    };
    const token = await new SignJWT({ org: claims.org, target })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setJti(claims.jti)
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(claims.exp)
      .setNotBefore(claims.nbf ?? iat)
      .sign(signingKey(actor.organisationId));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'playback_token.created',
      target: { type: 'playback_token', id: claims.jti, label: JSON.stringify(target) },
      after: { target, exp: new Date(claims.exp * 1000).toISOString() },
    });
    return { ok: true as const, token, claims };
  });
}

/**
 * The claims of a playback token, checked by its signature and times alone (no database
 * lookup): `invalid` when no token was given, `unauthenticated` when it does not verify.
 */
export async function verifyPlaybackToken(
  raw: unknown,
): Promise<Result<{ claims: PlaybackClaims }>> {
  const parsed = verifyPlaybackSchema.safeParse(raw);
  if (!parsed.success)
    return fail('invalid', 'Send { "token": "…" }.', fieldErrorsOf(parsed.error));
  const claims = await claimsOf(parsed.data.token);
  return claims
    ? { ok: true, claims }
    : fail('unauthenticated', 'The playback token is not valid.');
}

async function claimsOf(token: string): Promise<PlaybackClaims | null> {
  try {
    const unverified = decodeJwt(token);
    if (typeof unverified.org !== 'string' || !/^[0-9a-f-]{36}$/.test(unverified.org)) return null;
    const { payload } = await jwtVerify(token, signingKey(unverified.org), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now(),
    });
    return {
      jti: String(payload.jti),
      org: String(payload.org),
      sub: String(payload.sub),
      target: payload.target as PlaybackTarget,
      iat: Number(payload.iat),
      ...(payload.nbf !== undefined ? { nbf: Number(payload.nbf) } : {}),
      exp: Number(payload.exp),
    };
  } catch {
    return null;
  }
}
