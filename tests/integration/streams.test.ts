import { and, asc, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, roles, streams, streamTags, tags } from '@/db/schema';
import type { Actor } from '@/lib/services/actor';
import {
  createStream,
  deleteStream,
  getStream,
  listStreams,
  lockStream,
  setStreamTags,
  stopStream,
  unlockStream,
  type StreamView,
} from '@/lib/services/streams';
import { createTag, deleteTag, listTags, renameTag } from '@/lib/services/tags';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation } from './support/fixtures';

withTestDatabase();

/** An admin, a User and a ReadOnly of one new organisation. */
async function team() {
  const admin = await createOrganisation();
  const user = await addMember(admin.organisationId, 'user');
  const readonly = await addMember(admin.organisationId, 'readonly');
  return { admin, user, readonly };
}

async function events(organisationId: string, prefix = '') {
  return getDb()
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.organisationId, organisationId), like(auditEvents.action, `${prefix}%`)),
    )
    .orderBy(asc(auditEvents.id));
}

async function streamRow(id: string) {
  const [row] = await getDb().select().from(streams).where(eq(streams.id, id));
  return row;
}

async function newTag(actor: Actor, name: string) {
  const result = await createTag(actor, { name });
  if (!result.ok) throw new Error(result.error);
  return result.tag;
}

async function newStream(actor: Actor, name = 'Stream', tagNames: string[] = []) {
  const result = await createStream(actor, { name, tags: tagNames });
  if (!result.ok) throw new Error(result.error);
  return result.stream;
}

/** Puts a stream into a state directly, for transitions the services cannot reach. */
async function forceState(id: string, state: StreamView['state']) {
  await getDb().update(streams).set({ state }).where(eq(streams.id, id));
}

const forbidden = { ok: false, code: 'forbidden' };

describe('what each default role may do', () => {
  it('lets everyone read streams and tags', async () => {
    const { admin, user, readonly } = await team();
    await newTag(admin, 'sports');
    const stream = await newStream(admin, 'Main stage', ['sports']);
    for (const actor of [admin, user, readonly]) {
      expect((await listStreams(actor, {})).data.map((s) => s.id)).toEqual([stream.id]);
      expect(await getStream(actor, stream.id)).toMatchObject({ name: 'Main stage' });
      expect(await listTags(actor)).toMatchObject([{ name: 'sports', streamCount: 1 }]);
    }
  });

  it('refuses reads, by throwing, to a role without streams:read and tags:read', async () => {
    const admin = await createOrganisation();
    const [role] = await getDb()
      .insert(roles)
      .values({
        organisationId: admin.organisationId,
        name: 'Metrics only',
        permissions: ['metrics:read'],
        audiences: ['api'],
      })
      .returning();
    const outsider = await addMember(admin.organisationId, { id: role!.id });
    const stream = await newStream(admin);
    await expect(listStreams(outsider, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getStream(outsider, stream.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listTags(outsider)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets Admin and User create streams and write tags, but not ReadOnly', async () => {
    const { admin, user, readonly } = await team();
    const tag = await newTag(admin, 'news');
    const stream = await newStream(admin, 'Shared');

    for (const actor of [admin, user]) {
      const created = await createStream(actor, { name: `By ${actor.role.name}`, tags: ['news'] });
      expect(created).toMatchObject({ ok: true, stream: { tags: ['news'], creator: actor.label } });
      expect(await setStreamTags(actor, { streamId: stream.id, tags: ['news'] })).toMatchObject({
        ok: true,
      });
      expect(await setStreamTags(actor, { streamId: stream.id, tags: [] })).toMatchObject({
        ok: true,
      });
      expect(await createTag(actor, { name: `tag-${actor.role.key}` })).toMatchObject({
        ok: true,
      });
    }
    expect(await renameTag(user, { tagId: tag.id, name: 'News' })).toMatchObject({ ok: true });
    expect(await renameTag(admin, { tagId: tag.id, name: 'news' })).toMatchObject({ ok: true });

    const before = await events(admin.organisationId);
    const streamBefore = await streamRow(stream.id);
    expect(await createStream(readonly, { name: 'Nope' })).toMatchObject(forbidden);
    expect(await setStreamTags(readonly, { streamId: stream.id, tags: ['news'] })).toMatchObject(
      forbidden,
    );
    expect(await createTag(readonly, { name: 'nope' })).toMatchObject(forbidden);
    expect(await renameTag(readonly, { tagId: tag.id, name: 'nope' })).toMatchObject(forbidden);
    expect(await events(admin.organisationId)).toEqual(before);
    expect(await streamRow(stream.id)).toEqual(streamBefore);
    expect((await listTags(admin)).map((t) => t.name)).toEqual(['news', 'tag-admin', 'tag-user']);
    expect((await listStreams(admin, {})).data.map((s) => s.name)).not.toContain('Nope');
  });

  it('lets only Admin stop, lock, unlock and delete streams and delete tags', async () => {
    const { admin, user, readonly } = await team();
    const tag = await newTag(admin, 'doomed');
    const stream = await newStream(admin, 'Managed', ['doomed']);
    const locked = await newStream(admin, 'Locked');
    expect(await lockStream(admin, { streamId: locked.id })).toMatchObject({ ok: true });

    for (const actor of [user, readonly]) {
      const before = await streamRow(stream.id);
      expect(await stopStream(actor, { streamId: stream.id })).toMatchObject(forbidden);
      expect(await lockStream(actor, { streamId: stream.id })).toMatchObject(forbidden);
      expect(await unlockStream(actor, { streamId: locked.id })).toMatchObject(forbidden);
      expect(await deleteStream(actor, { streamId: stream.id })).toMatchObject(forbidden);
      expect(await deleteTag(actor, { tagId: tag.id })).toMatchObject(forbidden);
      expect(await streamRow(stream.id)).toEqual(before);
      expect((await streamRow(locked.id))?.state).toBe('locked');
    }
    expect((await listTags(admin)).map((t) => t.name)).toEqual(['doomed']);
    expect(
      (await events(admin.organisationId)).filter((e) => e.actorAccountId !== admin.accountId),
    ).toEqual([]);

    expect(await stopStream(admin, { streamId: stream.id })).toMatchObject({ ok: true });
    expect(await lockStream(admin, { streamId: stream.id })).toMatchObject({ ok: true });
    expect(await unlockStream(admin, { streamId: stream.id })).toMatchObject({ ok: true });
    expect(await deleteStream(admin, { streamId: stream.id })).toMatchObject({ ok: true });
    expect(await deleteTag(admin, { tagId: tag.id })).toMatchObject({ ok: true, name: 'doomed' });
  });

  it('does not let a role without tags:write tag a stream while creating it', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'vip');
    const [role] = await getDb()
      .insert(roles)
      .values({
        organisationId: admin.organisationId,
        name: 'Creator',
        permissions: ['streams:read', 'streams:create'],
        audiences: ['api'],
      })
      .returning();
    const creator = await addMember(admin.organisationId, { id: role!.id });
    expect(await createStream(creator, { name: 'Tagged', tags: ['vip'] })).toMatchObject({
      ok: false,
      code: 'forbidden',
      fieldErrors: { tags: expect.stringMatching(/tagging/) },
    });
    expect(await createStream(creator, { name: 'Plain' })).toMatchObject({ ok: true });
  });
});

describe('organisation scope', () => {
  it('never shows or changes streams and tags of another organisation', async () => {
    const mine = await createOrganisation();
    const theirs = await createOrganisation();
    const theirTag = await newTag(theirs, 'secret');
    const theirStream = await newStream(theirs, 'Their stream', ['secret']);
    await newStream(mine, 'My stream');

    expect((await listStreams(mine, {})).data.map((s) => s.name)).toEqual(['My stream']);
    expect((await listStreams(mine, { tag: 'secret' })).data).toEqual([]);
    expect(await listTags(mine)).toEqual([]);
    expect(await getStream(mine, theirStream.id)).toBeNull();
    expect(await getStream(mine, 'not-a-uuid')).toBeNull();

    const notFound = { ok: false, code: 'not_found' };
    const streamId = theirStream.id;
    expect(await stopStream(mine, { streamId })).toMatchObject(notFound);
    expect(await lockStream(mine, { streamId })).toMatchObject(notFound);
    expect(await unlockStream(mine, { streamId })).toMatchObject(notFound);
    expect(await deleteStream(mine, { streamId })).toMatchObject(notFound);
    expect(await setStreamTags(mine, { streamId, tags: [] })).toMatchObject(notFound);
    expect(await renameTag(mine, { tagId: theirTag.id, name: 'mine' })).toMatchObject(notFound);
    expect(await deleteTag(mine, { tagId: theirTag.id })).toMatchObject(notFound);
    // Their tag's name means nothing here.
    expect(await createStream(mine, { name: 'X', tags: ['secret'] })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    // ...and can be taken here without a clash.
    expect(await createTag(mine, { name: 'Secret' })).toMatchObject({ ok: true });

    expect(await getStream(theirs, streamId)).toMatchObject({ state: 'created', tags: ['secret'] });
    expect(await listTags(theirs)).toMatchObject([{ name: 'secret', streamCount: 1 }]);
    expect(await events(mine.organisationId, 'stream.')).toHaveLength(1);
  });
});

describe('the stream lifecycle', () => {
  it('stops created and live streams, once', async () => {
    const admin = await createOrganisation();
    const a = await newStream(admin, 'A');
    const stopped = await stopStream(admin, { streamId: a.id });
    expect(stopped).toMatchObject({ ok: true, stream: { state: 'ended' } });
    expect(stopped.ok && stopped.stream.endedAt).toBeInstanceOf(Date);
    expect(await stopStream(admin, { streamId: a.id })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: '“A” has already ended.',
    });

    const live = await newStream(admin, 'Live');
    await forceState(live.id, 'live');
    expect(await stopStream(admin, { streamId: live.id })).toMatchObject({
      ok: true,
      stream: { state: 'ended' },
    });
  });

  it('locks a stream against every change until it is unlocked', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'x');
    const s = await newStream(admin, 'Guarded');
    expect(await lockStream(admin, { streamId: s.id })).toMatchObject({
      ok: true,
      stream: { state: 'locked' },
    });
    const before = await streamRow(s.id);
    const conflict = { ok: false, code: 'conflict', error: expect.stringMatching(/locked/) };
    expect(await lockStream(admin, { streamId: s.id })).toMatchObject(conflict);
    expect(await stopStream(admin, { streamId: s.id })).toMatchObject(conflict);
    expect(await deleteStream(admin, { streamId: s.id })).toMatchObject(conflict);
    expect(await setStreamTags(admin, { streamId: s.id, tags: ['x'] })).toMatchObject(conflict);
    expect(await streamRow(s.id)).toEqual(before);

    // Never ended: back to created, and changeable again.
    expect(await unlockStream(admin, { streamId: s.id })).toMatchObject({
      ok: true,
      stream: { state: 'created', endedAt: null },
    });
    expect(await unlockStream(admin, { streamId: s.id })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: '“Guarded” is not locked.',
    });
    expect(await setStreamTags(admin, { streamId: s.id, tags: ['x'] })).toMatchObject({
      ok: true,
    });
  });

  it('unlocks an ended stream back to ended, and a live one to created', async () => {
    const admin = await createOrganisation();
    const ended = await newStream(admin, 'Ended');
    await stopStream(admin, { streamId: ended.id });
    await lockStream(admin, { streamId: ended.id });
    expect(await unlockStream(admin, { streamId: ended.id })).toMatchObject({
      ok: true,
      stream: { state: 'ended' },
    });

    const live = await newStream(admin, 'Live');
    await forceState(live.id, 'live');
    await lockStream(admin, { streamId: live.id });
    expect(await unlockStream(admin, { streamId: live.id })).toMatchObject({
      ok: true,
      stream: { state: 'created' },
    });
  });

  it('deletes softly: hidden from lists and lookups, and changeable no more', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'gone');
    const s = await newStream(admin, 'Doomed', ['gone']);
    const kept = await newStream(admin, 'Kept');
    expect(await deleteStream(admin, { streamId: s.id })).toMatchObject({
      ok: true,
      stream: { state: 'deleted' },
    });
    expect(await getStream(admin, s.id)).toBeNull();
    expect((await listStreams(admin, {})).data.map((x) => x.id)).toEqual([kept.id]);
    expect((await listStreams(admin, { tag: 'gone' })).data).toEqual([]);
    expect(await listTags(admin)).toMatchObject([{ name: 'gone', streamCount: 0 }]);
    expect((await streamRow(s.id))?.state).toBe('deleted');
    for (const fn of [stopStream, lockStream, unlockStream, deleteStream])
      expect(await fn(admin, { streamId: s.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await setStreamTags(admin, { streamId: s.id, tags: [] })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('listing streams', () => {
  it('pages newest first by cursor, with each stream’s tags', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'odd');
    await newTag(admin, 'Every');
    const made: string[] = [];
    for (let i = 0; i < 12; i++)
      made.push((await newStream(admin, `S${i}`, i % 2 ? ['odd', 'every'] : ['every'])).id);

    const seen: StreamView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listStreams(admin, { limit: '5', cursor: cursor ?? undefined });
      seen.push(...page.data);
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((s) => s.id)).toEqual([...made].reverse());
    expect(seen[0]).toMatchObject({ name: 'S11', tags: ['Every', 'odd'], creator: admin.label });
    expect(seen[1]).toMatchObject({ name: 'S10', tags: ['Every'] });

    const exact = await listStreams(admin, { limit: 12 });
    expect(exact.data).toHaveLength(12);
    expect(exact.next).toBeNull();
  });

  it('keeps streams created in the same millisecond apart', async () => {
    const admin = await createOrganisation();
    const at = new Date('2026-01-01T00:00:00.123Z');
    const rows = await getDb()
      .insert(streams)
      .values(
        [1, 2, 3, 4, 5].map((i) => ({
          organisationId: admin.organisationId,
          name: `Same ${i}`,
          creatorLabel: admin.label,
          createdAt: at,
        })),
      )
      .returning({ id: streams.id });
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await listStreams(admin, { limit: 2, cursor });
      page.data.forEach((s) => ids.add(s.id));
      cursor = page.next;
    } while (cursor);
    expect(ids).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('filters by state and by tag name ignoring case', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'Sports');
    const a = await newStream(admin, 'A', ['sports']);
    const b = await newStream(admin, 'B');
    await stopStream(admin, { streamId: b.id });
    expect((await listStreams(admin, { state: 'ended' })).data.map((s) => s.id)).toEqual([b.id]);
    expect((await listStreams(admin, { tag: 'SPORTS' })).data.map((s) => s.id)).toEqual([a.id]);
    expect((await listStreams(admin, { tag: 'sports', state: 'ended' })).data).toEqual([]);
    expect((await listStreams(admin, { state: '', tag: '' })).data).toHaveLength(2);
  });

  it('reports a bad query instead of ignoring it', async () => {
    const admin = await createOrganisation();
    for (const query of [
      { state: 'deleted' },
      { state: 'nonsense' },
      { size: '0' },
      { size: '1000' },
      { cursor: 'garbage' },
      { cursor: Buffer.from('2026-01-01|x').toString('base64url') },
    ])
      await expect(listStreams(admin, query)).rejects.toMatchObject({
        code: 'invalid',
        fieldErrors: { [Object.keys(query)[0]!]: expect.any(String) },
      });
  });
});

describe('tags', () => {
  it('are unique per organisation ignoring case, and validated', async () => {
    const admin = await createOrganisation();
    expect(await createTag(admin, { name: '  Live Events  ' })).toMatchObject({
      ok: true,
      tag: { name: 'Live Events', streamCount: 0 },
    });
    expect(await createTag(admin, { name: 'live events' })).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { name: expect.stringMatching(/already exists/) },
    });
    for (const name of ['', '   ', 'x'.repeat(41), 'a,b', '-leading', 'emoji 🎥'])
      expect(await createTag(admin, { name })).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { name: expect.any(String) },
      });
    expect(await createTag(admin, { name: 'v1.2_final-cut 2' })).toMatchObject({ ok: true });

    const other = await newTag(admin, 'other');
    expect(await renameTag(admin, { tagId: other.id, name: 'LIVE EVENTS' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await renameTag(admin, { tagId: other.id, name: 'other' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await renameTag(admin, { tagId: other.id, name: 'Other' })).toMatchObject({
      ok: true,
      tag: { name: 'Other' },
    });
  });

  it('must exist to be put on a stream', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'known');
    expect(
      await createStream(admin, { name: 'X', tags: 'known, unknown-1,unknown-2' }),
    ).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { tags: expect.stringMatching(/no tags “unknown-1”, “unknown-2”/) },
    });
    expect((await listStreams(admin, {})).data).toEqual([]);
    // A form's comma-separated field: blanks dropped, duplicates collapsed, spelling kept.
    expect(await createStream(admin, { name: ' X ', tags: 'KNOWN, ,known,' })).toMatchObject({
      ok: true,
      stream: { name: 'X', tags: ['known'] },
    });
    const made = (await listStreams(admin, {})).data[0]!;
    expect(await setStreamTags(admin, { streamId: made.id, tags: ['nope'] })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { tags: expect.stringMatching(/no tag “nope”/) },
    });
    expect((await getStream(admin, made.id))?.tags).toEqual(['known']);
    expect(await createStream(admin, { name: '', tags: ['bad,name'] })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: 'Enter a stream name.', tags: expect.any(String) },
    });
  });

  it('come off every stream when deleted', async () => {
    const admin = await createOrganisation();
    const t = await newTag(admin, 'temp');
    await newTag(admin, 'stays');
    const s = await newStream(admin, 'Tagged', ['temp', 'stays']);
    expect(await deleteTag(admin, { tagId: t.id })).toMatchObject({ ok: true });
    expect((await getStream(admin, s.id))?.tags).toEqual(['stays']);
    expect(await getDb().select().from(streamTags).where(eq(streamTags.tagId, t.id))).toEqual([]);
    expect(await deleteTag(admin, { tagId: t.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('the audit trail', () => {
  it('records every change with before and after, in order', async () => {
    const admin = await createOrganisation();
    const user = await addMember(admin.organisationId, 'user');
    const tag = await newTag(user, 'music');
    await newTag(admin, 'talk');
    const s = await newStream(user, 'Concert', ['music']);
    await setStreamTags(user, { streamId: s.id, tags: ['talk', 'music'] });
    // Setting the same tags again changes nothing and records nothing.
    expect(await setStreamTags(user, { streamId: s.id, tags: ['MUSIC', 'talk'] })).toMatchObject({
      ok: true,
      changed: false,
    });
    await stopStream(admin, { streamId: s.id });
    await lockStream(admin, { streamId: s.id });
    await unlockStream(admin, { streamId: s.id });
    await renameTag(user, { tagId: tag.id, name: 'Music' });
    await deleteStream(admin, { streamId: s.id });
    await deleteTag(admin, { tagId: tag.id });

    const log = (await events(admin.organisationId)).filter(
      (e) => e.action.startsWith('stream.') || e.action.startsWith('tag.'),
    );
    const stream = { targetType: 'stream', targetId: s.id, targetLabel: 'Concert' };
    expect(log).toMatchObject([
      { action: 'tag.created', actorAccountId: user.accountId, after: { name: 'music' } },
      { action: 'tag.created', targetType: 'tag', targetLabel: 'talk', before: null },
      {
        action: 'stream.created',
        ...stream,
        actorLabel: user.label,
        after: { name: 'Concert', state: 'created', tags: ['music'] },
      },
      {
        action: 'stream.tags_changed',
        ...stream,
        before: { tags: ['music'] },
        after: { tags: ['music', 'talk'] },
      },
      {
        action: 'stream.stopped',
        ...stream,
        actorAccountId: admin.accountId,
        before: { state: 'created', endedAt: null },
        after: { state: 'ended', endedAt: expect.any(String) },
      },
      { action: 'stream.locked', before: { state: 'ended' }, after: { state: 'locked' } },
      { action: 'stream.unlocked', before: { state: 'locked' }, after: { state: 'ended' } },
      {
        action: 'tag.renamed',
        targetType: 'tag',
        targetId: tag.id,
        before: { name: 'music' },
        after: { name: 'Music' },
      },
      {
        action: 'stream.deleted',
        ...stream,
        before: { name: 'Concert', state: 'ended', tags: ['Music', 'talk'] },
        after: { state: 'deleted' },
      },
      {
        action: 'tag.deleted',
        targetId: tag.id,
        targetLabel: 'Music',
        before: { name: 'Music', streamCount: 0 },
        after: null,
      },
    ]);
    expect(log).toHaveLength(10);
  });

  it('writes nothing for a failed change', async () => {
    const admin = await createOrganisation();
    await newTag(admin, 'dup');
    const s = await newStream(admin, 'S');
    await lockStream(admin, { streamId: s.id });
    const before = await events(admin.organisationId);
    const tagCount = (await getDb().select().from(tags)).length;

    const failures = await Promise.all([
      createStream(admin, { name: 'Bad', tags: ['missing'] }),
      createStream(admin, { name: 'x'.repeat(101) }),
      stopStream(admin, { streamId: s.id }),
      lockStream(admin, { streamId: s.id }),
      deleteStream(admin, { streamId: s.id }),
      setStreamTags(admin, { streamId: s.id, tags: ['dup'] }),
      stopStream(admin, { streamId: 'not-a-uuid' }),
      createTag(admin, { name: 'DUP' }),
      renameTag(admin, { tagId: crypto.randomUUID(), name: 'fine' }),
      deleteTag(admin, { tagId: crypto.randomUUID() }),
    ]);
    expect(failures.every((r) => !r.ok)).toBe(true);
    expect(await events(admin.organisationId)).toEqual(before);
    expect((await getDb().select().from(tags)).length).toBe(tagCount);
    expect((await listStreams(admin, {})).data.map((x) => x.name)).toEqual(['S']);
  });
});
