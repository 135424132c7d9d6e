import { apiError, apiRoute, failure, json } from '@/lib/api/handler';
import { deleteStream, getStream } from '@/lib/services/streams';

type P = { id: string };

export const GET = apiRoute<P>(async ({ actor, params }) => {
  const stream = await getStream(actor, params.id);
  return stream ? json(stream) : apiError('not_found', 'No such stream in your organisation.');
});

export const DELETE = apiRoute<P>(async ({ actor, params }) => {
  const result = await deleteStream(actor, { streamId: params.id });
  return result.ok ? new Response(null, { status: 204 }) : failure(result);
});
