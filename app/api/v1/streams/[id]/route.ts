import { apiRoute, json } from '@/lib/api/handler';
import { errorResponse, failureResponse } from '@/lib/http';
import { deleteStream, getStream } from '@/lib/services/streams';

type P = { id: string };

export const GET = apiRoute<P>(async ({ actor, params }) => {
  const stream = await getStream(actor, params.id);
  return stream ? json(stream) : errorResponse('not_found', 'No such stream in your organisation.');
});

export const DELETE = apiRoute<P>(async ({ actor, params }) => {
  const result = await deleteStream(actor, { streamId: params.id });
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result);
});
