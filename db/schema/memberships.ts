import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { organisations } from './organisations';
import { roles } from './roles';

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'restrict' }),
    // Copied from the account (a change of email updates both, lib/services/
    // email-confirmations.ts) so the user list filters, searches and sorts on one table.
    email: text('email').notNull(),
    // Non-secret generation marker of the member's bintu tokens, e.g. tk_8f3a2c91.
    tokenKey: text('token_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Suspended: the member keeps role and history but has no access (docs/product.md,
    // "Suspend and reactivate"). The reason is the admins' note.
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
    // When the member last used the dashboard or a bintu token of theirs, written at most
    // once every few minutes (lib/services/activity.ts); null: never since it was recorded.
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('memberships_org_account_key').on(t.organisationId, t.accountId),
    index('memberships_account_idx').on(t.accountId),
    index('memberships_org_created_idx').on(t.organisationId, t.createdAt, t.id),
    index('memberships_org_role_created_idx').on(t.organisationId, t.roleId, t.createdAt, t.id),
    index('memberships_org_email_idx').on(t.organisationId, t.email, t.id),
    // The Status filter's suspended members: few, so a small partial index.
    index('memberships_org_suspended_idx')
      .on(t.organisationId, t.createdAt, t.id)
      .where(sql`${t.suspendedAt} is not null`),
    // The access review's inactive members (lib/services/access-review.ts): members not
    // suspended, never active first, then the longest inactive, one range scan per page.
    index('memberships_org_last_active_idx')
      .on(t.organisationId, sql`coalesce(${t.lastActiveAt}, '-infinity'::timestamptz)`, t.id)
      .where(sql`${t.suspendedAt} is null`),
    // Case-insensitive substring search (ILIKE '%q%') at 100,000 members.
    index('memberships_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
  ],
);

export type Membership = typeof memberships.$inferSelect;
