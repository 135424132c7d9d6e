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
    // Written at most once every few minutes when the token is used (lib/services/activity.ts).
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bintu_tokens_hash_key').on(t.tokenHash),
    index('bintu_tokens_membership_idx').on(t.membershipId),
    // The access review's tokens still valid (lib/services/access-review.ts).
    index('bintu_tokens_expires_idx').on(t.expiresAt),
  ],
);

export type BintuToken = typeof bintuTokens.$inferSelect;
