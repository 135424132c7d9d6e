import { apiRoute, refuse } from '@/lib/api/handler';
import { unlockStream } from '@/lib/services/streams';

export const POST = apiRoute('POST /api/v1/streams/{id}/unlock', async ({ actor, params }) => {
  const result = await unlockStream(actor, { streamId: params.id });
  return result.ok ? result.stream : refuse(result);
});
