import { apiRoute, json, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { deleteTag, renameTag } from '@/lib/services/tags';

type P = { id: string };

/** Rename: { "name" }. */
export const PATCH = apiRoute<P>(async ({ req, actor, params }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const input = typeof body.body === 'object' && body.body ? body.body : {};
  const result = await renameTag(actor, { ...input, tagId: params.id });
  return result.ok ? json(result.tag) : failureResponse(result);
});

export const DELETE = apiRoute<P>(async ({ actor, params }) => {
  const result = await deleteTag(actor, { tagId: params.id });
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result);
});
