import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';

// Mail (docs/email.md): written in the transaction of what it tells about, sent by the
// worker after the commit, retried; its content is encrypted (a reset link is a secret)
// and cleared once sent.

export const MAIL_STATES = ['pending', 'sent', 'failed'] as const;

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The kind of mail (`password_reset`), for logs and tests. */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    /** `{ html, text }`, AES-GCM encrypted (lib/crypto.ts); '' once sent. */
    contentEncrypted: text('content_encrypted').notNull(),
    state: text('state', { enum: MAIL_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/** A password reset link: only its SHA-256 is kept; single use, 30 minutes. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_key').on(t.tokenHash),
    index('password_resets_account_idx').on(t.accountId),
  ],
);

export const EMAIL_CONFIRMATION_PURPOSES = ['sign_up', 'verify_email', 'change_email'] as const;
export type EmailConfirmationPurpose = (typeof EMAIL_CONFIRMATION_PURPOSES)[number];

/**
 * A link proving a mailbox (docs/email.md, "Verified addresses"): a sign-up waiting for
 * its address (the account is created only then), the verification of an account's
 * address, or a change of address. Only the token's SHA-256 is kept; single use.
 */
export const emailConfirmations = pgTable(
  'email_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', { enum: EMAIL_CONFIRMATION_PURPOSES }).notNull(),
    /** The account (verify_email, change_email); null for a sign-up. */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** The address being proven. */
    email: text('email').notNull(),
    /** A sign-up's chosen password (scrypt), its organisation's name and where it goes next. */
    passwordHash: text('password_hash'),
    organisationName: text('organisation_name'),
    returnTo: text('return_to'),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_confirmations_token_hash_key').on(t.tokenHash),
    index('email_confirmations_account_idx').on(t.accountId),
  ],
);
