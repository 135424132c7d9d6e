import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    // The master API key: looked up by hash; kept encrypted so `apikey:read` can see it.
    apiKeyHash: text('api_key_hash').notNull(),
    apiKeyEncrypted: text('api_key_encrypted').notNull(),
    // Not a secret: embedded in players, visible to every role. (Playback tokens are
    // signed with a key derived from AUTH_SECRET and the organisation id, so they verify
    // without a database lookup: lib/services/playback-tokens.ts.)
    playerKey: text('player_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_slug_key').on(t.slug),
    uniqueIndex('organisations_api_key_hash_key').on(t.apiKeyHash),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
