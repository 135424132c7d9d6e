import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { memberships } from './memberships';

// Bintu tokens: bearer tokens for /api/v1. Valid only while the membership exists and
// still carries the Token Key the token was issued under.
export const bintuTokens = pgTable(
  'bintu_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    tokenKey: text('token_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('bintu_tokens_hash_key').on(t.tokenHash),
    index('bintu_tokens_membership_idx').on(t.membershipId),
  ],
);

export type BintuToken = typeof bintuTokens.$inferSelect;
