import { apiRoute, refuse } from '@/lib/api/handler';
import { createStream, listStreams } from '@/lib/services/streams';

export const GET = apiRoute('GET /api/v1/streams', async ({ actor, query }) =>
  listStreams(actor, query),
);

/** { "name", "tags"?: [names] } */
export const POST = apiRoute('POST /api/v1/streams', async ({ actor, body }) => {
  const result = await createStream(actor, body);
  return result.ok ? result.stream : refuse(result);
});
