import { apiRoute, failure, json } from '@/lib/api/handler';
import { unlockStream } from '@/lib/services/streams';

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const result = await unlockStream(actor, { streamId: params.id });
  return result.ok ? json(result.stream) : failure(result);
});
