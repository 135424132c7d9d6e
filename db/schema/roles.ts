import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

// Every organisation has its own rows for the three default roles (key set) so that
// memberships reference one table; the permissions of a default role always come from
// lib/rbac, the columns here only mirror them.
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    key: text('key', { enum: ['admin', 'user', 'readonly'] }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audiences: text('audiences')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Kept by triggers on memberships in the same transaction as every insert, role
    // change and delete (migration 0004): the user list never counts the membership.
    memberCount: integer('member_count').notNull().default(0),
    // Of those, the suspended ones (the same triggers, migration 0008).
    suspendedCount: integer('suspended_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roles_org_name_key').on(t.organisationId, sql`lower(${t.name})`),
    uniqueIndex('roles_org_key_key').on(t.organisationId, t.key),
    index('roles_org_idx').on(t.organisationId),
  ],
);

export type Role = typeof roles.$inferSelect;
