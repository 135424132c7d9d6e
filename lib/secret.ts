import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from './env';

let cached: string | undefined;

/**
 * AUTH_SECRET signs sessions and derives the key that encrypts organisation secrets.
 * Zero-setup runs on the embedded database keep a generated one in the data folder; a
 * deployment on a shared PostgreSQL must set it, or instances would disagree.
 */
export function authSecret(): string {
  if (cached) return cached;
  const { AUTH_SECRET, DATABASE_URL, DATA_DIR, NODE_ENV } = env();
  if (AUTH_SECRET) return (cached = AUTH_SECRET);
  if (DATABASE_URL && NODE_ENV === 'production') {
    throw new Error('AUTH_SECRET is required when DATABASE_URL is set in production');
  }
  const file = path.resolve(DATA_DIR, 'auth-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' });
      cached = fresh;
    } catch {
      cached = readFileSync(file, 'utf8').trim(); // another bundle wrote it first
    }
  }
  return cached;
}
