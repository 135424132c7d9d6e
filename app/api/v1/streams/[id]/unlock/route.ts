import { apiRoute, json } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { unlockStream } from '@/lib/services/streams';

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const result = await unlockStream(actor, { streamId: params.id });
  return result.ok ? json(result.stream) : failureResponse(result);
});
