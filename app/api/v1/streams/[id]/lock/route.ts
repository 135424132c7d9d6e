import { apiRoute, refuse } from '@/lib/api/handler';
import { lockStream } from '@/lib/services/streams';

export const POST = apiRoute('POST /api/v1/streams/{id}/lock', async ({ actor, params }) => {
  const result = await lockStream(actor, { streamId: params.id });
  return result.ok ? result.stream : refuse(result);
});
