import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { streamTags, tags } from '@/db/schema';
import { ServiceError } from './result';

// Shared by streams.ts and tags.ts: how a stream's tags are read and resolved by name.

/** Case-insensitive tag order, the one every list uses. */
export const tagOrder = sql`lower(${tags.name}), ${tags.id}`;

/** The tag names of each of `streamIds` in one query, keyed by stream id. */
export async function tagNamesByStream(
  q: Queryable,
  organisationId: string,
  streamIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(streamIds.map((id) => [id, []]));
  if (streamIds.length === 0) return out;
  const rows = await q
    .select({ streamId: streamTags.streamId, name: tags.name })
    .from(streamTags)
    .innerJoin(tags, eq(tags.id, streamTags.tagId))
    .where(and(eq(tags.organisationId, organisationId), inArray(streamTags.streamId, streamIds)))
    .orderBy(tagOrder);
  for (const row of rows) out.get(row.streamId)?.push(row.name);
  return out;
}

/**
 * The organisation's tags named `names` (ignoring case), held with a key-share lock so that
 * they cannot be deleted before the caller links them. Unknown names are refused: tags
 * are created on purpose (tags:write), never as a side effect of tagging a stream.
 */
export async function resolveTags(
  tx: Tx,
  organisationId: string,
  names: string[],
): Promise<{ id: string; name: string }[]> {
  if (names.length === 0) return [];
  const lowered = names.map((n) => n.toLowerCase());
  const found = await tx
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.organisationId, organisationId), inArray(sql`lower(${tags.name})`, lowered)))
    .orderBy(tagOrder)
    .for('key share');
  const known = new Set(found.map((t) => t.name.toLowerCase()));
  const missing = names.filter((n) => !known.has(n.toLowerCase()));
  if (missing.length) {
    const list = missing.map((n) => `“${n}”`).join(', ');
    const message =
      missing.length === 1
        ? `There is no tag ${list} in your organisation. Create it under Tags first.`
        : `There are no tags ${list} in your organisation. Create them under Tags first.`;
    throw new ServiceError('invalid', message, { tags: message });
  }
  return found;
}
