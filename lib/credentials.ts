import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';

// Every credential this product hands out, in one place: its prefix, its generator and
// its pattern. Plain Node (no `server-only`, no `@/` imports), so the seed, the tests and
// the e2e suite can share it. Secrets are stored as SHA-256 only (lib/crypto.ts); the API
// key is also kept encrypted so it can be shown again.

/** Token Key of a membership: short, non-secret, e.g. tk_8f3a2c91. */
export const TOKEN_KEY_PREFIX = 'tk_';
/** Bintu token: an opaque bearer token for /api/v1, e.g. bt_…. */
export const BINTU_TOKEN_PREFIX = 'bt_';
/** The organisation's API key, e.g. ak_…. */
export const API_KEY_PREFIX = 'ak_';
/** The organisation's player key (public), e.g. pk_…. */
export const PLAYER_KEY_PREFIX = 'pk_';

/** URL-safe random token with `bytes` bytes of CSPRNG entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** 32 random bytes in base64url: 43 characters. */
const SECRET = '[A-Za-z0-9_-]{43}';

export const TOKEN_KEY_PATTERN = new RegExp(`^${TOKEN_KEY_PREFIX}[0-9a-f]{8}$`);
export const BINTU_TOKEN_PATTERN = new RegExp(`^${BINTU_TOKEN_PREFIX}${SECRET}$`);
export const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}${SECRET}$`);
export const PLAYER_KEY_PATTERN = new RegExp(`^${PLAYER_KEY_PREFIX}[A-Za-z0-9_-]{22}$`);
/** Invite tokens carry no prefix: they stand alone in the link /invite/<token>. */
export const INVITE_TOKEN_PATTERN = new RegExp(`^${SECRET}$`);

export function newTokenKey(): string {
  return `${TOKEN_KEY_PREFIX}${randomBytes(4).toString('hex')}`;
}

/**
 * A Token Key made by the database, for set-based inserts (lib/setup/seed.ts
 * `addMembers`): the same format as `newTokenKey`.
 */
export const TOKEN_KEY_SQL = sql.raw(`'${TOKEN_KEY_PREFIX}' || substr(md5(random()::text), 1, 8)`);

export function newBintuToken(): string {
  return `${BINTU_TOKEN_PREFIX}${randomToken(32)}`;
}

export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomToken(32)}`;
}

export function newPlayerKey(): string {
  return `${PLAYER_KEY_PREFIX}${randomToken(16)}`;
}

/** An invitation's token (256 bits); only its hash is stored. */
export function newInviteToken(): string {
  return randomToken(32);
}

/**
 * Worth a lookup as a bintu token or API key: the right prefix, and no longer than any
 * credential (a cheap refusal before hashing whatever a client sent).
 */
export function looksLike(
  prefix: typeof BINTU_TOKEN_PREFIX | typeof API_KEY_PREFIX,
  value: string,
) {
  return value.startsWith(prefix) && value.length <= 100;
}
