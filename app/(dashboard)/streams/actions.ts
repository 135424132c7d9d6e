'use server';

import { revalidatePath } from 'next/cache';
import { getActionActor } from '@/lib/auth/actor';
import { toActionState, SIGNED_OUT, type ActionState } from '@/lib/action-state';
import {
  createStream,
  deleteStream,
  lockStream,
  setStreamTags,
  stopStream,
  unlockStream,
} from '@/lib/services/streams';
import { createTag, deleteTag, renameTag } from '@/lib/services/tags';

// Thin: who is acting, the form's fields, the service (which checks the permission), and
// a refreshed /streams. The middleware does not gate /streams; the services are the check.

/** Tag checkboxes arrive as repeated `tags` fields. */
const tagsOf = (form: FormData) => form.getAll('tags');

export async function createStreamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await createStream(actor, { name: form.get('name'), tags: tagsOf(form) });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `Stream “${result.stream.name}” created.` : undefined);
}

export async function stopStreamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await stopStream(actor, { streamId: form.get('streamId') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `“${result.stream.name}” was stopped.` : undefined);
}

export async function lockStreamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await lockStream(actor, { streamId: form.get('streamId') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `“${result.stream.name}” is locked.` : undefined);
}

export async function unlockStreamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await unlockStream(actor, { streamId: form.get('streamId') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(
    result,
    result.ok ? `“${result.stream.name}” is unlocked (${result.stream.state}).` : undefined,
  );
}

export async function deleteStreamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await deleteStream(actor, { streamId: form.get('streamId') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `“${result.stream.name}” was deleted.` : undefined);
}

export async function setStreamTagsAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await setStreamTags(actor, {
    streamId: form.get('streamId'),
    tags: tagsOf(form),
  });
  if (result.ok && result.changed) revalidatePath('/streams');
  return toActionState(
    result,
    result.ok
      ? result.changed
        ? `Tags of “${result.stream.name}” saved.`
        : 'The tags were already as chosen.'
      : undefined,
  );
}

export async function createTagAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await createTag(actor, { name: form.get('name') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `Tag “${result.tag.name}” created.` : undefined);
}

export async function renameTagAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await renameTag(actor, { tagId: form.get('tagId'), name: form.get('name') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `Tag renamed to “${result.tag.name}”.` : undefined);
}

export async function deleteTagAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await deleteTag(actor, { tagId: form.get('tagId') });
  if (result.ok) revalidatePath('/streams');
  return toActionState(result, result.ok ? `Tag “${result.name}” was deleted.` : undefined);
}
