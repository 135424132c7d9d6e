'use server';

import { field, fields, action, type Refresh } from '@/lib/action';
import { toActionState } from '@/lib/action-state';
import {
  createStream,
  deleteStream,
  lockStream,
  setStreamTags,
  stopStream,
  unlockStream,
} from '@/lib/services/streams';
import { createTag, deleteTag, renameTag } from '@/lib/services/tags';

// Thin: the form's fields, the service (which checks the permission), and a refreshed
// /streams. The wrapper (lib/action.ts) checks the caller first.

const refresh: Refresh = ['/streams'];

export const createStreamAction = action(
  'createStreamAction',
  async (actor, form) => {
    const result = await createStream(actor, {
      name: field(form, 'name'),
      tags: fields(form, 'tags'),
    });
    return toActionState(result, result.ok ? `Stream “${result.stream.name}” created.` : undefined);
  },
  { refresh },
);

export const stopStreamAction = action(
  'stopStreamAction',
  async (actor, form) => {
    const result = await stopStream(actor, { streamId: field(form, 'streamId') });
    return toActionState(result, result.ok ? `“${result.stream.name}” was stopped.` : undefined);
  },
  { refresh },
);

export const lockStreamAction = action(
  'lockStreamAction',
  async (actor, form) => {
    const result = await lockStream(actor, { streamId: field(form, 'streamId') });
    return toActionState(result, result.ok ? `“${result.stream.name}” is locked.` : undefined);
  },
  { refresh },
);

export const unlockStreamAction = action(
  'unlockStreamAction',
  async (actor, form) => {
    const result = await unlockStream(actor, { streamId: field(form, 'streamId') });
    return toActionState(
      result,
      result.ok ? `“${result.stream.name}” is unlocked (${result.stream.state}).` : undefined,
    );
  },
  { refresh },
);

export const deleteStreamAction = action(
  'deleteStreamAction',
  async (actor, form) => {
    const result = await deleteStream(actor, { streamId: field(form, 'streamId') });
    return toActionState(result, result.ok ? `“${result.stream.name}” was deleted.` : undefined);
  },
  { refresh },
);

export const setStreamTagsAction = action(
  'setStreamTagsAction',
  async (actor, form) => {
    const result = await setStreamTags(actor, {
      streamId: field(form, 'streamId'),
      tags: fields(form, 'tags'),
    });
    return toActionState(
      result,
      result.ok
        ? result.changed
          ? `Tags of “${result.stream.name}” saved.`
          : 'The tags were already as chosen.'
        : undefined,
    );
  },
  { refresh },
);

export const createTagAction = action(
  'createTagAction',
  async (actor, form) => {
    const result = await createTag(actor, { name: field(form, 'name') });
    return toActionState(result, result.ok ? `Tag “${result.tag.name}” created.` : undefined);
  },
  { refresh },
);

export const renameTagAction = action(
  'renameTagAction',
  async (actor, form) => {
    const result = await renameTag(actor, {
      tagId: field(form, 'tagId'),
      name: field(form, 'name'),
    });
    return toActionState(result, result.ok ? `Tag renamed to “${result.tag.name}”.` : undefined);
  },
  { refresh },
);

export const deleteTagAction = action(
  'deleteTagAction',
  async (actor, form) => {
    const result = await deleteTag(actor, { tagId: field(form, 'tagId') });
    return toActionState(result, result.ok ? `Tag “${result.name}” was deleted.` : undefined);
  },
  { refresh },
);
