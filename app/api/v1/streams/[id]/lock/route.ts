import { apiRoute, json } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { lockStream } from '@/lib/services/streams';

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const result = await lockStream(actor, { streamId: params.id });
  return result.ok ? json(result.stream) : failureResponse(result);
});
