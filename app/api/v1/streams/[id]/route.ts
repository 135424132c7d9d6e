import { apiRoute, refuse } from '@/lib/api/handler';
import { deleteStream, getStream } from '@/lib/services/streams';

export const GET = apiRoute('GET /api/v1/streams/{id}', async ({ actor, params }) => {
  const stream = await getStream(actor, params.id);
  return stream ?? refuse('not_found', 'No such stream in your organisation.');
});

export const DELETE = apiRoute('DELETE /api/v1/streams/{id}', async ({ actor, params }) => {
  const result = await deleteStream(actor, { streamId: params.id });
  return result.ok ? null : refuse(result);
});
