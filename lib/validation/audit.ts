import { z } from 'zod';
import { lineText } from './text';

export const AUDIT_PAGE_SIZE = { default: 50, max: 200 } as const;

/**
 * A trimmed optional text filter: empty means "no filter", and so does a value too long or
 * with a control character (the REST API refuses the latter first, see lib/api/query.ts).
 */
const text = (max: number) =>
  lineText({ max })
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

// 2026-11-27, 2026-11-27T13:19, 2026-11-27T13:19:05, 2026-11-27T13:19:05.123, each with
// an optional Z (a space instead of the T is fine too). Everything is UTC.
const UTC_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?Z?$/;

/**
 * An instant in UTC and the span it names: a date is the whole day, a time to the minute
 * the whole minute, so "to 2026-11-27" includes everything that happened that day.
 */
export function parseUtcInstant(value: string): { start: Date; end: Date } | null {
  const m = UTC_INSTANT.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const n = (v: string | undefined) => Number(v ?? 0);
  const millis = Number((ms ?? '0').padEnd(3, '0'));
  const start = new Date(Date.UTC(n(y), n(mo) - 1, n(d), n(h), n(mi), n(s), millis));
  // Date.UTC rolls 2026-02-31 over into March (and 24:00 into the next day): refuse.
  const exact =
    start.getUTCFullYear() === n(y) &&
    start.getUTCMonth() === n(mo) - 1 &&
    start.getUTCDate() === n(d) &&
    start.getUTCHours() === n(h) &&
    start.getUTCMinutes() === n(mi) &&
    start.getUTCSeconds() === n(s);
  if (!exact) return null;
  const span = ms ? 1 : s ? 1000 : h ? 60_000 : 24 * 3600_000;
  return { start, end: new Date(start.getTime() + span) };
}

const UTC_INSTANT_RULE =
  'UTC date or time (`2026-11-27`, `2026-11-27T13:19`), inclusive at that precision.';

const instant = lineText({ max: 40 })
  .optional()
  .catch(undefined)
  .transform((v) => (v && parseUtcInstant(v) ? v : undefined));

const eventId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The audit log's URL (and the API's query string): ?action=&actor=&targetType=&targetId=
 * &from=&to=&before=&size=. Anything unreadable falls back to its default instead of
 * failing, since people edit URLs by hand.
 */
export const auditQuerySchema = z.object({
  /** Exact action, e.g. `member.role_changed`. */
  action: text(100).meta({ description: 'Exact action, e.g. `member.role_changed`.' }),
  /** Part of the actor's label (an email, "API key"), case-insensitive. */
  actor: text(254).meta({ description: 'Part of the actor’s label, any case.' }),
  targetType: text(50),
  targetId: text(200),
  /** UTC; inclusive at the precision given (a date covers the whole day). */
  from: instant.meta({ description: UTC_INSTANT_RULE }),
  to: instant.meta({ description: UTC_INSTANT_RULE }),
  /** Keyset cursor: only events older than this event id. */
  before: eventId
    .optional()
    .catch(undefined)
    .meta({ description: 'An event id (the `next` of a page): older events.' }),
  size: z.coerce
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, AUDIT_PAGE_SIZE.max))
    .meta({ description: `Events per page; at most ${AUDIT_PAGE_SIZE.max} are given.` })
    .default(AUDIT_PAGE_SIZE.default)
    .catch(AUDIT_PAGE_SIZE.default),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditEventIdSchema = eventId;

/** The filters of a query, without the cursor and page size (for links and exports). */
export function auditFilters(query: AuditQuery) {
  const { action, actor, targetType, targetId, from, to } = query;
  return { action, actor, targetType, targetId, from, to };
}
export type AuditFilters = ReturnType<typeof auditFilters>;

export function hasAuditFilters(query: AuditQuery): boolean {
  return Object.values(auditFilters(query)).some((v) => v !== undefined);
}

/** `?action=…&from=…` for the set values only. */
export function auditSearchParams(values: Partial<Record<string, string | number | undefined>>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== '') params.set(k, String(v));
  return params;
}
