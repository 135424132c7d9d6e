import { apiRoute, json, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { setStreamTags } from '@/lib/services/streams';

/** Replace the stream's tags: { "tags": [names] }. */
export const PUT = apiRoute<{ id: string }>(async ({ req, actor, params }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const input = typeof body.body === 'object' && body.body ? body.body : {};
  const result = await setStreamTags(actor, { ...input, streamId: params.id });
  return result.ok ? json(result.stream) : failureResponse(result);
});
