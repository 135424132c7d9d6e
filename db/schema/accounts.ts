import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased and trimmed; the unique index is the duplicate check.
    email: text('email').notNull(),
    // scrypt, "scrypt$N$r$p$salt$hash"; null for accounts that cannot sign in.
    passwordHash: text('password_hash'),
    // When the holder proved the address is theirs: a confirmed sign-up, change of email,
    // verification link or password reset (docs/email.md). Null: not proven yet.
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accounts_email_key').on(t.email)],
);

export type Account = typeof accounts.$inferSelect;
