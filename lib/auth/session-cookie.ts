import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { authSecret } from '@/lib/secret';
import { SESSION_IDLE_SECONDS } from '@/lib/services/sessions';

// The session cookie, read once per request (docs/performance.md, "Sessions"). Auth.js
// writes it at sign-in; middleware decodes it here instead of through Auth.js's own
// middleware, which decrypts and re-encrypts it on every request, and hands the verified
// session to pages in a header signed with a key derived from AUTH_SECRET, so pages do
// not decrypt it again. The session row is still checked in the database on every
// request (lib/services/sessions.ts): ending a session ends it at once.

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
/** Request header from middleware to pages: `accountId.sessionId.mac`. */
export const SESSION_HEADER = 'x-verified-session';
/** A cookie older than this is issued again, so an active session does not lapse. */
const RENEW_AFTER_SECONDS = 24 * 3600;

export interface SessionClaims {
  accountId: string;
  sessionId: string;
}

interface CookieJar {
  getAll(): { name: string; value: string }[];
}

/** The session cookie's value (joined when Auth.js split it in chunks) and names. */
export function sessionCookie(cookies: CookieJar) {
  const all = cookies.getAll().filter(({ name }) => SESSION_COOKIE.test(name));
  if (all.length === 0) return null;
  const whole = all.find(({ name }) => !/\.\d+$/.test(name));
  const chunks = all
    .filter(({ name }) => /\.\d+$/.test(name))
    .sort((a, b) => Number(a.name.split('.').pop()) - Number(b.name.split('.').pop()));
  const value = whole?.value ?? chunks.map((c) => c.value).join('');
  /** Auth.js derives the cookie's key from its name without the chunk suffix. */
  const salt = (whole?.name ?? chunks[0]!.name).replace(/\.\d+$/, '');
  return { value, salt, names: all.map((c) => c.name) };
}

export interface Session extends SessionClaims {
  salt: string;
  token: JWT;
}

// Decrypting a cookie (HKDF, AES, HMAC through WebCrypto) costs more than the rest of
// middleware together, and a browser sends the same cookie with every request. Decoded
// cookies are remembered by their SHA-256, until the token's own expiry: the result of
// decrypting one value never changes. Whether the session is still live is not
// remembered: the database answers that on every request.
const DECODED_MAX = 5_000;
const decoded = new Map<string, Session>();

function remembered(key: string): Session | null {
  const session = decoded.get(key);
  if (!session) return null;
  const exp = session.token.exp;
  if (typeof exp !== 'number' || exp * 1000 <= Date.now()) {
    decoded.delete(key);
    return null;
  }
  return session;
}

function remember(key: string, session: Session) {
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, session);
}

/** The session the cookie names; null when there is none or it is forged or expired. */
export async function readSession(cookies: CookieJar): Promise<Session | null> {
  const cookie = sessionCookie(cookies);
  if (!cookie?.value) return null;
  const key = createHash('sha256')
    .update(cookie.salt)
    .update('\0')
    .update(cookie.value)
    .digest('base64');
  const known = remembered(key);
  if (known) return known;
  const token = await decode({
    token: cookie.value,
    secret: authSecret(),
    salt: cookie.salt,
  }).catch(() => null);
  if (typeof token?.sub !== 'string' || typeof token.sid !== 'string') return null;
  const session = { accountId: token.sub, sessionId: token.sid, salt: cookie.salt, token };
  remember(key, session);
  return session;
}

/** The cookie to set again once the session's is a day old, else null. */
export async function renewedCookie(session: Session) {
  const issuedAt = typeof session.token.iat === 'number' ? session.token.iat : 0;
  if (Date.now() / 1000 - issuedAt < RENEW_AFTER_SECONDS) return null;
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = session.token;
  const value = await encode({
    token: claims,
    secret: authSecret(),
    salt: session.salt,
    maxAge: SESSION_IDLE_SECONDS,
  });
  return {
    name: session.salt,
    value,
    options: {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      secure: session.salt.startsWith('__Secure-'),
      maxAge: SESSION_IDLE_SECONDS,
    },
  };
}

let macKey: Buffer | undefined;
function mac(text: string): Buffer {
  macKey ??= createHmac('sha256', authSecret()).update('verified session header').digest();
  return createHmac('sha256', macKey).update(text).digest();
}

/** The header value middleware sets for a verified session. */
export function sessionHeader({ accountId, sessionId }: SessionClaims): string {
  const text = `${accountId}.${sessionId}`;
  return `${text}.${mac(text).toString('base64url')}`;
}

/** The session middleware verified for this request; null for anything it did not sign. */
export function readSessionHeader(value: string | null): SessionClaims | null {
  const parts = value?.split('.');
  if (parts?.length !== 3) return null;
  const [accountId, sessionId, signature] = parts as [string, string, string];
  const expected = mac(`${accountId}.${sessionId}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { accountId, sessionId };
}
