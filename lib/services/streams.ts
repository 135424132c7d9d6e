import 'server-only';
import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { streams, streamTags, tags, type Stream } from '@/db/schema';
import { can } from '@/lib/rbac';
import {
  createStreamSchema,
  setStreamTagsSchema,
  streamIdSchema,
  streamListQuerySchema,
  streamTargetSchema,
} from '@/lib/validation/streams';
import { authorize, type Actor } from './actor';
import { recordAudit } from './audit-log';
import { ServiceError, parseInput, type Result } from './result';
import { resolveTags, tagNamesByStream } from './stream-tags';
import { mutation } from './tx';

// Streams of docs/product.md#streams-and-tags. Lifecycle:
//   created|live --stop--> ended
//   created|live|ended --lock--> locked --unlock--> ended if it had ended, else created
//   created|live|ended --delete--> deleted (soft: the row stays for the audit trail and
//   for playback tokens naming it, but it is hidden everywhere and cannot change again)
// A locked stream refuses stop, tag changes and delete until it is unlocked. Unlock
// needs no extra column: `endedAt` tells whether the stream had ended. A stream locked
// while live comes back as created, since only ingest can make it live again.

export type StreamState = Stream['state'];

/** A stream as every caller (page, server action, REST API) receives it. */
export interface StreamView {
  id: string;
  name: string;
  state: StreamState;
  /** Tag names, case-insensitively sorted. */
  tags: string[];
  /** Email of the member who created it, or "API key". */
  creator: string;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

type StreamRow = Pick<
  Stream,
  'id' | 'name' | 'state' | 'creatorLabel' | 'createdAt' | 'updatedAt' | 'endedAt'
>;

const viewColumns = {
  id: streams.id,
  name: streams.name,
  state: streams.state,
  creatorLabel: streams.creatorLabel,
  createdAt: streams.createdAt,
  updatedAt: streams.updatedAt,
  endedAt: streams.endedAt,
};

function toView(row: StreamRow, tagNames: string[]): StreamView {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    tags: tagNames,
    creator: row.creatorLabel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    endedAt: row.endedAt,
  };
}

export interface StreamPage {
  data: StreamView[];
  /** Opaque cursor for the next (older) page; null on the last page. */
  next: string | null;
}

// The cursor carries created_at at full (microsecond) precision: a JavaScript Date would
// round it to milliseconds and skip or repeat streams created within the same millisecond.
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;
const cursorTime = sql<string>`to_char(${streams.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const encodeCursor = (time: string, id: string) =>
  Buffer.from(`${time}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { time: string; id: string } {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !streamIdSchema.safeParse(match[2]).success) {
    const message = 'This page link is not valid. Start from the first page.';
    throw new ServiceError('invalid', message, { cursor: message });
  }
  return { time: match[1]!, id: match[2]! };
}

/**
 * One page of the organisation's streams, newest first, by keyset on the
 * (organisation, created_at, id) index: one query for the page, one for its tags.
 * Throws a ServiceError: `forbidden` without streams:read, `invalid` for a bad query.
 */
export async function listStreams(actor: Actor, rawQuery: unknown): Promise<StreamPage> {
  authorize(actor, 'streams:read');
  const query = parseInput(streamListQuerySchema, rawQuery ?? {});
  const filters: SQL[] = [
    eq(streams.organisationId, actor.organisationId),
    ne(streams.state, 'deleted'),
  ];
  if (query.state) filters.push(eq(streams.state, query.state));
  if (query.tag) {
    filters.push(
      inArray(
        streams.id,
        getDb()
          .select({ id: streamTags.streamId })
          .from(streamTags)
          .innerJoin(tags, eq(tags.id, streamTags.tagId))
          .where(
            and(
              eq(tags.organisationId, actor.organisationId),
              sql`lower(${tags.name}) = ${query.tag.toLowerCase()}`,
            ),
          ),
      ),
    );
  }
  if (query.cursor) {
    const { time, id } = decodeCursor(query.cursor);
    filters.push(sql`(${streams.createdAt}, ${streams.id}) < (${time}::timestamptz, ${id}::uuid)`);
  }
  const db = getDb();
  const rows = await db
    .select({ ...viewColumns, cursorTime })
    .from(streams)
    .where(and(...filters))
    .orderBy(desc(streams.createdAt), desc(streams.id))
    .limit(query.size + 1);
  const page = rows.slice(0, query.size);
  const names = await tagNamesByStream(
    db,
    actor.organisationId,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    data: page.map((r) => toView(r, names.get(r.id) ?? [])),
    next: rows.length > query.size && last ? encodeCursor(last.cursorTime, last.id) : null,
  };
}

/** One stream of the actor's organisation; null when unknown, elsewhere or deleted. */
export async function getStream(actor: Actor, streamId: string): Promise<StreamView | null> {
  authorize(actor, 'streams:read');
  const id = streamIdSchema.safeParse(streamId);
  if (!id.success) return null;
  const db = getDb();
  const [row] = await db
    .select(viewColumns)
    .from(streams)
    .where(
      and(
        eq(streams.id, id.data),
        eq(streams.organisationId, actor.organisationId),
        ne(streams.state, 'deleted'),
      ),
    )
    .limit(1);
  if (!row) return null;
  const names = await tagNamesByStream(db, actor.organisationId, [row.id]);
  return toView(row, names.get(row.id) ?? []);
}

// ---------------------------------------------------------------------------------
// Mutations: each in one transaction with its audit event.

const streamTarget = (s: { id: string; name: string }) => ({
  type: 'stream',
  id: s.id,
  label: s.name,
});

/** The stream, locked for this transaction; deleted streams count as not found. */
async function loadStream(tx: Tx, actor: Actor, streamId: string) {
  const [row] = await tx
    .select(viewColumns)
    .from(streams)
    .where(
      and(
        eq(streams.id, streamId),
        eq(streams.organisationId, actor.organisationId),
        ne(streams.state, 'deleted'),
      ),
    )
    .limit(1)
    .for('update');
  if (!row) throw new ServiceError('not_found', 'This stream does not exist in your organisation.');
  return row;
}

function refuseIfLocked(row: StreamRow, what: string) {
  const refusal = lockedRefusal(row, what);
  if (refusal) throw new ServiceError('conflict', refusal);
}

async function updateState(tx: Tx, id: string, set: { state?: StreamState; endedAt?: SQL }) {
  const [row] = await tx
    .update(streams)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(streams.id, id))
    .returning(viewColumns);
  return row!;
}

async function tagsOf(tx: Tx, actor: Actor, streamId: string) {
  return (await tagNamesByStream(tx, actor.organisationId, [streamId])).get(streamId) ?? [];
}

/**
 * Creates a stream in state `created`. Tags are named, must already exist in the
 * organisation, and attaching them needs tags:write as well (the same permission that
 * changes a stream's tags later), so creating a stream never creates or applies tags
 * behind the tag permissions' back.
 */
export async function createStream(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ stream: StreamView }>> {
  return mutation(async (tx) => {
    authorize(actor, 'streams:create');
    const input = parseInput(createStreamSchema, raw);
    if (input.tags.length && !can(actor, 'tags:write')) {
      const message = 'Your role does not allow tagging streams. Create the stream without tags.';
      throw new ServiceError('forbidden', message, { tags: message });
    }
    const found = await resolveTags(tx, actor.organisationId, input.tags);
    const [row] = await tx
      .insert(streams)
      .values({
        organisationId: actor.organisationId,
        name: input.name,
        creatorMembershipId: actor.membershipId,
        creatorLabel: actor.label,
      })
      .returning(viewColumns);
    if (found.length)
      await tx.insert(streamTags).values(found.map((t) => ({ streamId: row!.id, tagId: t.id })));
    const stream = toView(
      row!,
      found.map((t) => t.name),
    );
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'stream.created',
      target: streamTarget(stream),
      after: { name: stream.name, state: stream.state, tags: stream.tags },
    });
    return { ok: true as const, stream };
  });
}

/** Replaces a stream's tags with the named ones (which must exist). No change, no event. */
export async function setStreamTags(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ stream: StreamView; changed: boolean }>> {
  return mutation(async (tx) => {
    authorize(actor, 'tags:write');
    const input = parseInput(setStreamTagsSchema, raw);
    const current = await loadStream(tx, actor, input.streamId);
    refuseIfLocked(current, 'retagged');
    const found = await resolveTags(tx, actor.organisationId, input.tags);
    const before = await tagsOf(tx, actor, current.id);
    const after = found.map((t) => t.name);
    if (before.join('\n') === after.join('\n')) {
      return { ok: true as const, changed: false, stream: toView(current, before) };
    }
    await tx.delete(streamTags).where(eq(streamTags.streamId, current.id));
    if (found.length)
      await tx.insert(streamTags).values(found.map((t) => ({ streamId: current.id, tagId: t.id })));
    const row = await updateState(tx, current.id, {});
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'stream.tags_changed',
      target: streamTarget(current),
      before: { tags: before },
      after: { tags: after },
    });
    return { ok: true as const, changed: true, stream: toView(row, after) };
  });
}

interface Transition {
  action: 'stream.stopped' | 'stream.locked' | 'stream.unlocked';
  /** Why this stream cannot make the move, or null when it can. */
  refusal: (s: StreamRow) => string | null;
  next: (s: StreamRow) => { state: StreamState; endedAt?: SQL };
  /** The fields the audit event records before and after. */
  recorded: ('state' | 'endedAt')[];
}

/** One state change under `streams:manage`, with its audit event. */
function transition(t: Transition) {
  return async (actor: Actor, raw: unknown): Promise<Result<{ stream: StreamView }>> =>
    mutation(async (tx) => {
      authorize(actor, 'streams:manage');
      const { streamId } = parseInput(streamTargetSchema, raw);
      const current = await loadStream(tx, actor, streamId);
      const refusal = t.refusal(current);
      if (refusal) throw new ServiceError('conflict', refusal);
      const row = await updateState(tx, current.id, t.next(current));
      const pick = (r: StreamRow) =>
        Object.fromEntries(
          t.recorded.map((f) => [
            f,
            f === 'endedAt' ? (r.endedAt?.toISOString() ?? null) : r.state,
          ]),
        );
      await recordAudit(tx, actor.organisationId, actor, {
        action: t.action,
        target: streamTarget(current),
        before: pick(current),
        after: pick(row),
      });
      return { ok: true as const, stream: toView(row, await tagsOf(tx, actor, row.id)) };
    });
}

const lockedRefusal = (s: StreamRow, what: string) =>
  s.state === 'locked' ? `“${s.name}” is locked, so it cannot be ${what}. Unlock it first.` : null;

/** Ends a created or live stream. */
export const stopStream = transition({
  action: 'stream.stopped',
  refusal: (s) =>
    lockedRefusal(s, 'stopped') ?? (s.state === 'ended' ? `“${s.name}” has already ended.` : null),
  next: () => ({ state: 'ended', endedAt: sql`now()` }),
  recorded: ['state', 'endedAt'],
});

/** Locks a stream: it cannot be stopped, retagged or deleted until unlocked. */
export const lockStream = transition({
  action: 'stream.locked',
  refusal: (s) => (s.state === 'locked' ? `“${s.name}” is already locked.` : null),
  next: () => ({ state: 'locked' }),
  recorded: ['state'],
});

/** Unlocks a stream: back to `ended` if it had ended before the lock, else `created`. */
export const unlockStream = transition({
  action: 'stream.unlocked',
  refusal: (s) => (s.state !== 'locked' ? `“${s.name}” is not locked.` : null),
  next: (s) => ({ state: s.endedAt ? 'ended' : 'created' }),
  recorded: ['state'],
});

/**
 * Deletes a stream softly: state `deleted`, hidden from every list and lookup, and no
 * longer changeable. Its tags links stay with the row, so the record stays whole.
 */
export async function deleteStream(
  actor: Actor,
  raw: unknown,
): Promise<Result<{ stream: StreamView }>> {
  return mutation(async (tx) => {
    authorize(actor, 'streams:delete');
    const { streamId } = parseInput(streamTargetSchema, raw);
    const current = await loadStream(tx, actor, streamId);
    refuseIfLocked(current, 'deleted');
    const tagNames = await tagsOf(tx, actor, current.id);
    const row = await updateState(tx, current.id, {
      state: 'deleted',
      endedAt: sql`coalesce(${streams.endedAt}, now())`,
    });
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'stream.deleted',
      target: streamTarget(current),
      before: { name: current.name, state: current.state, tags: tagNames },
      after: { state: row.state },
    });
    return { ok: true as const, stream: toView(row, tagNames) };
  });
}
