import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { prepared } from '@/db/client';
import { accounts, bintuTokens, memberships, organisations, roles } from '@/db/schema';
import { now } from '@/lib/clock';
import { API_KEY_PREFIX, BINTU_TOKEN_PREFIX, looksLike } from '@/lib/credentials';
import { sha256 } from '@/lib/crypto';
import { recordActivity } from './activity';
import {
  apiKeyActor,
  memberActor,
  memberActorColumns,
  type Actor,
  type RequestContext,
} from './actor';

// The callers of /api/v1: a bintu token (lib/services/tokens.ts issues them) or the
// organisation's API key (lib/services/api-key.ts), each to its Actor in one query.

const bintuTokenQuery = () =>
  prepared('bintu_token_actor', (db) =>
    db
      .select({
        ...memberActorColumns,
        tokenId: bintuTokens.id,
        tokenLastUsedAt: bintuTokens.lastUsedAt,
      })
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
          // A suspended member's tokens are refused while the suspension lasts.
          isNull(memberships.suspendedAt),
        ),
      )
      .limit(1)
      .prepare('bintu_token_actor'),
  );

const apiKeyQuery = () =>
  prepared('api_key_actor', (db) =>
    db
      .select({ organisation: { id: organisations.id, name: organisations.name }, role: roles })
      .from(organisations)
      .innerJoin(roles, and(eq(roles.organisationId, organisations.id), eq(roles.key, 'admin')))
      .where(eq(organisations.apiKeyHash, sql.placeholder('hash')))
      .limit(1)
      .prepare('api_key_actor'),
  );

/** Whether a request's authentication records the member's activity (middleware: no). */
export interface AuthenticateOptions {
  recordActivity?: boolean;
}

/**
 * The member behind a bintu token, or null: unknown, expired, reset, changed, removed or
 * suspended.
 * Token, membership, account, organisation and role in one query: one round trip. The
 * member's last activity and the token's last use are read by it too, and written only
 * when stale (lib/services/activity.ts).
 */
export async function authenticateBintuToken(
  token: string,
  context: RequestContext,
  options: AuthenticateOptions = {},
): Promise<Actor | null> {
  if (!looksLike(BINTU_TOKEN_PREFIX, token)) return null;
  const [row] = await bintuTokenQuery().execute({ hash: sha256(token), now: now().toISOString() });
  if (!row) return null;
  if (options.recordActivity !== false) {
    await recordActivity({
      membershipId: row.membershipId,
      lastActiveAt: row.lastActiveAt,
      token: { id: row.tokenId, lastUsedAt: row.tokenLastUsedAt },
    });
  }
  return memberActor(row, context);
}

/** The organisation's API key acts as its Admin role; it is no member, so no activity. */
export async function authenticateApiKey(
  key: string,
  context: RequestContext,
): Promise<Actor | null> {
  if (!looksLike(API_KEY_PREFIX, key)) return null;
  const [row] = await apiKeyQuery().execute({ hash: sha256(key) });
  return row ? apiKeyActor(row, context) : null;
}

/** The caller of an /api/v1 request: `X-API-Key`, else `Authorization: Bearer <bintu token>`. */
export async function authenticateRequest(
  headers: Headers,
  context: RequestContext,
  options: AuthenticateOptions = {},
): Promise<Actor | null> {
  const apiKey = headers.get('x-api-key');
  if (apiKey) return authenticateApiKey(apiKey.trim(), context);
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ? authenticateBintuToken(bearer, context, options) : null;
}
