import 'server-only';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { streams, streamTags, tags } from '@/db/schema';
import { createTagSchema, renameTagSchema, tagTargetSchema } from '@/lib/validation/streams';
import { authorize, type Actor } from './actor';
import { recordAudit } from './audit-log';
import { ServiceError, fail, parseInput, type Result } from './result';
import { isUniqueViolation } from './sql';
import { tagOrder } from './stream-tags';
import { mutation } from './tx';

// docs/product.md#streams-and-tags: tag names unique per organisation ignoring case (the database's
// unique index on lower(name) is the final word; the checks here give the clear message).

/** A tag as every caller receives it; `streamCount` counts streams that are not deleted. */
export interface TagView {
  id: string;
  name: string;
  streamCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const tagColumns = {
  id: tags.id,
  name: tags.name,
  createdAt: tags.createdAt,
  updatedAt: tags.updatedAt,
};

const target = (t: { id: string; name: string }) => ({ type: 'tag', id: t.id, label: t.name });
const taken = (name: string) => {
  const message = `A tag named “${name}” already exists (names ignore case).`;
  return new ServiceError('conflict', message, { name: message });
};

/** The organisation's tags, sorted by name ignoring case, each with its stream count. */
export async function listTags(actor: Actor): Promise<TagView[]> {
  authorize(actor, 'tags:read');
  return getDb()
    .select({ ...tagColumns, streamCount: count(streams.id) })
    .from(tags)
    .leftJoin(streamTags, eq(streamTags.tagId, tags.id))
    .leftJoin(streams, and(eq(streams.id, streamTags.streamId), ne(streams.state, 'deleted')))
    .where(eq(tags.organisationId, actor.organisationId))
    .groupBy(tags.id)
    .orderBy(tagOrder);
}

async function streamCount(tx: Tx, tagId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(streamTags)
    .innerJoin(streams, eq(streams.id, streamTags.streamId))
    .where(and(eq(streamTags.tagId, tagId), ne(streams.state, 'deleted')));
  return row?.n ?? 0;
}

async function loadTag(tx: Tx, actor: Actor, tagId: string) {
  const [row] = await tx
    .select(tagColumns)
    .from(tags)
    .where(and(eq(tags.id, tagId), eq(tags.organisationId, actor.organisationId)))
    .limit(1)
    .for('update');
  if (!row) throw new ServiceError('not_found', 'This tag does not exist in your organisation.');
  return row;
}

export async function createTag(actor: Actor, raw: unknown): Promise<Result<{ tag: TagView }>> {
  return mutation(async (tx) => {
    authorize(actor, 'tags:write');
    const { name } = parseInput(createTagSchema, raw);
    // Of two simultaneous creates of one name, the second finds the first's row here.
    const [row] = await tx
      .insert(tags)
      .values({ organisationId: actor.organisationId, name })
      .onConflictDoNothing()
      .returning(tagColumns);
    if (!row) throw taken(name);
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'tag.created',
      target: target(row),
      after: { name: row.name },
    });
    return { ok: true as const, tag: { ...row, streamCount: 0 } };
  });
}

export async function renameTag(actor: Actor, raw: unknown): Promise<Result<{ tag: TagView }>> {
  let wanted = '';
  try {
    return await mutation(async (tx) => {
      authorize(actor, 'tags:write');
      const { tagId, name } = parseInput(renameTagSchema, raw);
      wanted = name;
      const current = await loadTag(tx, actor, tagId);
      if (current.name === name)
        throw new ServiceError('conflict', `The tag is already called “${name}”.`, {
          name: 'Enter a different name.',
        });
      const [clash] = await tx
        .select({ id: tags.id })
        .from(tags)
        .where(
          and(
            eq(tags.organisationId, actor.organisationId),
            ne(tags.id, tagId),
            sql`lower(${tags.name}) = ${name.toLowerCase()}`,
          ),
        )
        .limit(1);
      if (clash) throw taken(name);
      const [row] = await tx
        .update(tags)
        .set({ name, updatedAt: sql`now()` })
        .where(eq(tags.id, tagId))
        .returning(tagColumns);
      await recordAudit(tx, actor.organisationId, actor, {
        action: 'tag.renamed',
        target: target(row!),
        before: { name: current.name },
        after: { name: row!.name },
      });
      return { ok: true as const, tag: { ...row!, streamCount: await streamCount(tx, tagId) } };
    });
  } catch (err) {
    // Another rename or create took the name between our check and our write.
    if (isUniqueViolation(err)) {
      const e = taken(wanted);
      return fail(e.code, e.message, e.fieldErrors);
    }
    throw err;
  }
}

/** Deletes a tag; it comes off every stream that carried it. */
export async function deleteTag(actor: Actor, raw: unknown): Promise<Result<{ name: string }>> {
  return mutation(async (tx) => {
    authorize(actor, 'tags:delete');
    const { tagId } = parseInput(tagTargetSchema, raw);
    const current = await loadTag(tx, actor, tagId);
    const streamsTagged = await streamCount(tx, tagId);
    await tx.delete(tags).where(eq(tags.id, tagId));
    await recordAudit(tx, actor.organisationId, actor, {
      action: 'tag.deleted',
      target: target(current),
      before: { name: current.name, streamCount: streamsTagged },
    });
    return { ok: true as const, name: current.name };
  });
}
