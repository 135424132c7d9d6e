import { apiRoute, refuse } from '@/lib/api/handler';
import { stopStream } from '@/lib/services/streams';

export const POST = apiRoute('POST /api/v1/streams/{id}/stop', async ({ actor, params }) => {
  const result = await stopStream(actor, { streamId: params.id });
  return result.ok ? result.stream : refuse(result);
});
