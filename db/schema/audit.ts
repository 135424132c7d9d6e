import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

// Append-only. No foreign keys to actors or targets: an event outlives what it names,
// so it keeps readable labels taken at the time.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system', 'anonymous'] }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorMembershipId: uuid('actor_membership_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_org_id_idx').on(t.organisationId, t.id),
    index('audit_org_action_idx').on(t.organisationId, t.action, t.id),
    index('audit_org_actor_idx').on(t.organisationId, t.actorAccountId, t.id),
    index('audit_org_target_idx').on(t.organisationId, t.targetType, t.targetId, t.id),
    index('audit_org_created_idx').on(t.organisationId, t.createdAt),
    // The actor filter is a substring match on the label (ILIKE '%q%').
    index('audit_actor_label_trgm_idx').using('gin', sql`${t.actorLabel} gin_trgm_ops`),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
