import 'server-only';
import { and, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { csvStream } from '@/lib/csv';
import { auditEvents, type AuditEvent } from '@/db/schema';
import {
  auditEventIdSchema,
  auditQuerySchema,
  parseUtcInstant,
  type AuditQuery,
} from '@/lib/validation/audit';
import { authorize, type Actor } from './actor';
import { likeContaining, rowsOf } from './sql';

// Reads of the audit log. Events are written by recordAudit (audit-log.ts) inside the
// transaction of each mutation, and never updated or deleted by the application.

export type AuditRow = Pick<
  AuditEvent,
  | 'id'
  | 'createdAt'
  | 'actorType'
  | 'actorLabel'
  | 'action'
  | 'targetType'
  | 'targetId'
  | 'targetLabel'
  | 'ip'
>;

const rowColumns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  actorType: auditEvents.actorType,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  targetLabel: auditEvents.targetLabel,
  ip: auditEvents.ip,
};

/**
 * The organisation's events matching the filters, older than `cursor`. Every filter
 * combination starts from an index led by organisation_id (see db/schema/audit.ts).
 */
function whereOf(actor: Actor, query: AuditQuery, cursor: number | undefined): SQL | undefined {
  const filters: SQL[] = [eq(auditEvents.organisationId, actor.organisationId)];
  if (query.action) filters.push(eq(auditEvents.action, query.action));
  if (query.actor) filters.push(ilike(auditEvents.actorLabel, likeContaining(query.actor)));
  if (query.targetType) filters.push(eq(auditEvents.targetType, query.targetType));
  if (query.targetId) filters.push(eq(auditEvents.targetId, query.targetId));
  const from = query.from ? parseUtcInstant(query.from) : null;
  const to = query.to ? parseUtcInstant(query.to) : null;
  if (from) filters.push(gte(auditEvents.createdAt, from.start));
  if (to) filters.push(lt(auditEvents.createdAt, to.end));
  if (cursor !== undefined) filters.push(lt(auditEvents.id, cursor));
  return and(...filters);
}

/**
 * One page of the audit log, newest first, by keyset on the event id: `?before=` is the
 * last id of the previous page. One indexed query fetching one row more than the page,
 * to know whether there is an older page.
 */
export async function listAuditEvents(
  actor: Actor,
  rawQuery: unknown,
): Promise<{ rows: AuditRow[]; nextCursor: number | null; query: AuditQuery }> {
  authorize(actor, 'audit:read');
  const query = auditQuerySchema.parse(rawQuery ?? {});
  const found = await getDb()
    .select(rowColumns)
    .from(auditEvents)
    .where(whereOf(actor, query, query.before))
    .orderBy(desc(auditEvents.id))
    .limit(query.size + 1);
  const rows = found.slice(0, query.size);
  const nextCursor = found.length > query.size ? rows[rows.length - 1]!.id : null;
  return { rows, nextCursor, query };
}

/** One event of the actor's organisation with every field; null when not in it. */
export async function getAuditEvent(actor: Actor, id: unknown): Promise<AuditEvent | null> {
  authorize(actor, 'audit:read');
  const parsed = auditEventIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const [row] = await getDb()
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.id, parsed.data), eq(auditEvents.organisationId, actor.organisationId)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * The distinct values of an indexed column for one organisation, by a loose index scan:
 * one index probe per distinct value, however many events there are.
 */
async function distinctValues(actor: Actor, column: 'action' | 'target_type') {
  const col = sql.identifier(column);
  const org = actor.organisationId;
  const result = await getDb().execute<{ value: string }>(sql`
    with recursive v(value) as (
      (select ${col} from audit_events where organisation_id = ${org} order by ${col} limit 1)
      union all
      select (
        select ${col} from audit_events
        where organisation_id = ${org} and ${col} > v.value
        order by ${col} limit 1
      )
      from v where v.value is not null
    )
    select value from v where value is not null`);
  return rowsOf<{ value: string }>(result).map((r) => r.value);
}

/** The actions that occur in the organisation's log, for the filter. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  authorize(actor, 'audit:read');
  return distinctValues(actor, 'action');
}

/** The target types that occur in the organisation's log, for the filter. */
export async function listAuditTargetTypes(actor: Actor): Promise<string[]> {
  authorize(actor, 'audit:read');
  return distinctValues(actor, 'target_type');
}

// ---------------------------------------------------------------------------------
// CSV export

export const AUDIT_CSV_COLUMNS = [
  'id',
  'time_utc',
  'actor_type',
  'actor',
  'action',
  'target_type',
  'target_id',
  'target',
  'before',
  'after',
  'ip',
  'user_agent',
  'request_id',
] as const;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

function csvRow(e: AuditEvent) {
  return [
    e.id,
    e.createdAt.toISOString(),
    e.actorType,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.targetLabel,
    json(e.before),
    json(e.after),
    e.ip,
    e.userAgent,
    e.requestId,
  ];
}

export const AUDIT_CSV_BATCH = 1000;

/**
 * The organisation's events matching the filters as CSV, newest first. Rows are read in
 * keyset batches only as the reader asks for them (one batch queued at most), so memory
 * stays flat whatever the size of the log. Events written during the export are newer
 * than its first batch and are left out. Throws a ServiceError before streaming anything
 * when the actor may not read the log.
 */
export function streamAuditCsv(
  actor: Actor,
  rawQuery: unknown,
  { batchSize = AUDIT_CSV_BATCH }: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  authorize(actor, 'audit:read');
  const query = auditQuerySchema.parse(rawQuery ?? {});
  let cursor = query.before;
  return csvStream(
    AUDIT_CSV_COLUMNS,
    batchSize,
    async () => {
      const rows = await getDb()
        .select()
        .from(auditEvents)
        .where(whereOf(actor, query, cursor))
        .orderBy(desc(auditEvents.id))
        .limit(batchSize);
      cursor = rows.at(-1)?.id ?? cursor;
      return rows;
    },
    csvRow,
  );
}
