import { apiRoute, refuse, withId } from '@/lib/api/handler';
import { setStreamTags } from '@/lib/services/streams';

/** Replace the stream's tags: { "tags": [names] }. */
export const PUT = apiRoute('PUT /api/v1/streams/{id}/tags', async ({ actor, params, body }) => {
  const result = await setStreamTags(actor, withId(body, 'streamId', params.id));
  return result.ok ? result.stream : refuse(result);
});
