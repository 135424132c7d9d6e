import { apiRoute, refuse, withId } from '@/lib/api/handler';
import { deleteTag, renameTag } from '@/lib/services/tags';

/** Rename: { "name" }. */
export const PATCH = apiRoute('PATCH /api/v1/tags/{id}', async ({ actor, params, body }) => {
  const result = await renameTag(actor, withId(body, 'tagId', params.id));
  return result.ok ? result.tag : refuse(result);
});

export const DELETE = apiRoute('DELETE /api/v1/tags/{id}', async ({ actor, params }) => {
  const result = await deleteTag(actor, { tagId: params.id });
  return result.ok ? null : refuse(result);
});
