import { apiRoute, json, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { readQuery } from '@/lib/api/query';
import { createStream, listStreams } from '@/lib/services/streams';

export const GET = apiRoute(async ({ req, actor }) => {
  const params = readQuery(req);
  return params.ok ? json(await listStreams(actor, params.query)) : params.response;
});

/** { "name", "tags"?: [names] } */
export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await createStream(actor, body.body);
  return result.ok ? json(result.stream, 201) : failureResponse(result);
});
