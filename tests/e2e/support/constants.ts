import type { RateLimitName, RateLimitRule } from '../../../lib/services/rate-limit';

/** The demo organisation the e2e server seeds (lib/setup/seed.ts) and how to sign in to it. */
export const E2E = {
  adminEmail: 'admin@example.com',
  adminPassword: 'e2e-admin-password-1',
  memberPassword: 'e2e-member-password-1',
  readonlyEmail: 'dora.viewer@example.com',
  userEmail: 'anna.operator@example.com',
  organisation: 'Demo Streaming Co',
  extraMembers: 200,
  authSecret: 'e2e-secret-e2e-secret-e2e-secret-0123456',
  adminLeadEmail: 'ops.lead@example.com',
} as const;

/**
 * The rate limits the e2e server runs with (RATE_LIMITS), every one of them explicit.
 * All the suite's traffic comes from 127.0.0.1, so the per-client limits sit well above
 * what the whole suite sends in a window. `signIn` (per account and client) stays low:
 * no account signs in more than three times in a run, and sessions.spec.ts reaches it on
 * purpose. Its window outlasts that test, so the count cannot restart halfway through.
 */
export const E2E_RATE_LIMITS = {
  signIn: { limit: 5, windowSeconds: 600 },
  signInAccount: { limit: 100, windowSeconds: 900 },
  signInClient: { limit: 400, windowSeconds: 60 },
  signUp: { limit: 200, windowSeconds: 60 },
  inviteLookup: { limit: 400, windowSeconds: 60 },
  inviteAccept: { limit: 100, windowSeconds: 60 },
  tokenCreate: { limit: 50, windowSeconds: 60 },
  passwordReset: { limit: 20, windowSeconds: 900 },
  passwordResetClient: { limit: 200, windowSeconds: 60 },
  addressMail: { limit: 20, windowSeconds: 900 },
  addressMailClient: { limit: 400, windowSeconds: 60 },
  invitationMail: { limit: 20, windowSeconds: 3600 },
  api: { limit: 1000, windowSeconds: 60 },
} as const satisfies Record<RateLimitName, RateLimitRule>;

/** E2E_RATE_LIMITS in the `name=limit/seconds,…` form the server reads. */
export function rateLimitsEnv(): string {
  return Object.entries(E2E_RATE_LIMITS)
    .map(([name, rule]) => `${name}=${rule.limit}/${rule.windowSeconds}`)
    .join(',');
}
