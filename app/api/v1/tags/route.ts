import { apiRoute, json, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { createTag, listTags } from '@/lib/services/tags';

export const GET = apiRoute(async ({ actor }) => json({ data: await listTags(actor), next: null }));

export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await createTag(actor, body.body);
  return result.ok ? json(result.tag, 201) : failureResponse(result);
});
