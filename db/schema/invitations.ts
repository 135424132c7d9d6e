import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { memberships } from './memberships';
import { organisations } from './organisations';
import { roles } from './roles';

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    // SHA-256 of the token; the token itself exists only in the link shown once.
    tokenHash: text('token_hash').notNull(),
    email: text('email'),
    inviterMembershipId: uuid('inviter_membership_id').references(() => memberships.id, {
      onDelete: 'set null',
    }),
    inviterEmail: text('inviter_email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByAccountId: uuid('accepted_by_account_id').references(() => accounts.id, {
      onDelete: 'set null',
    }),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_org_created_idx').on(t.organisationId, t.createdAt),
  ],
);

export type Invitation = typeof invitations.$inferSelect;
