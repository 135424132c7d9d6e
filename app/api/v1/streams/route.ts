import { apiRoute, failure, json, readJson } from '@/lib/api/handler';
import { createStream, listStreams } from '@/lib/services/streams';

export const GET = apiRoute(async ({ req, actor }) =>
  json(await listStreams(actor, Object.fromEntries(req.nextUrl.searchParams))),
);

/** { "name", "tags"?: [names] } */
export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await createStream(actor, body.body);
  return result.ok ? json(result.stream, 201) : failure(result);
});
