import { sql } from 'drizzle-orm';
import {
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { memberships } from './memberships';
import { organisations } from './organisations';

export const STREAM_STATES = ['created', 'live', 'ended', 'locked', 'deleted'] as const;

export const streams = pgTable(
  'streams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    state: text('state', { enum: STREAM_STATES }).notNull().default('created'),
    creatorMembershipId: uuid('creator_membership_id').references(() => memberships.id, {
      onDelete: 'set null',
    }),
    creatorLabel: text('creator_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('streams_org_created_idx').on(t.organisationId, t.createdAt, t.id)],
);

export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tags_org_name_key').on(t.organisationId, sql`lower(${t.name})`)],
);

export const streamTags = pgTable(
  'stream_tags',
  {
    streamId: uuid('stream_id')
      .notNull()
      .references(() => streams.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.streamId, t.tagId] }), index('stream_tags_tag_idx').on(t.tagId)],
);

export type Stream = typeof streams.$inferSelect;
export type Tag = typeof tags.$inferSelect;
