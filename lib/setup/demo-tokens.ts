import { createHmac } from 'node:crypto';

/**
 * The token of a demo invitation, derived from AUTH_SECRET so that whoever knows the
 * secret (the operator, the e2e suite) can open it. Only demo data uses this. An
 * HMAC-SHA256 in base64url: 43 characters, the shape of lib/credentials.ts `newInviteToken`.
 */
export function demoInviteToken(authSecret: string, name: string): string {
  return createHmac('sha256', authSecret).update(`demo-invite:${name}`).digest('base64url');
}
