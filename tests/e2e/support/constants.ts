/** The demo organisation the e2e server seeds (db/seed.ts) and how to sign in to it. */
export const E2E = {
  adminEmail: 'admin@example.com',
  adminPassword: 'e2e-admin-password-1',
  memberPassword: 'e2e-member-password-1',
  readonlyEmail: 'dora.viewer@example.com',
  userEmail: 'anna.operator@example.com',
  organisation: 'Demo Streaming Co',
  extraMembers: 60,
  authSecret: 'e2e-secret-e2e-secret-e2e-secret-0123456',
  adminLeadEmail: 'ops.lead@example.com',
} as const;
