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
    // Copied from the account (emails never change here) so the user list filters,
    // searches and sorts on one table with its own indexes.
    email: text('email').notNull(),
    // Non-secret generation marker of the member's bintu tokens, e.g. tk_8f3a2c91.
    tokenKey: text('token_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_org_account_key').on(t.organisationId, t.accountId),
    index('memberships_account_idx').on(t.accountId),
    index('memberships_org_created_idx').on(t.organisationId, t.createdAt, t.id),
    index('memberships_org_role_created_idx').on(t.organisationId, t.roleId, t.createdAt, t.id),
    index('memberships_org_email_idx').on(t.organisationId, t.email, t.id),
    // Case-insensitive substring search (ILIKE '%q%') at 100,000 members.
    index('memberships_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
  ],
);

export type Membership = typeof memberships.$inferSelect;
