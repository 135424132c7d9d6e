import { apiRoute, json, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { createPlaybackToken } from '@/lib/services/playback-tokens';

/** { "streams": [ids] } | { "tag": "…" } | { "orgwide": true }, optional "expiresIn" seconds. */
export const POST = apiRoute(async ({ req, actor }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await createPlaybackToken(actor, body.body);
  if (!result.ok) return failureResponse(result);
  const { claims } = result;
  return json(
    { id: claims.jti, token: result.token, ...claims, expiresAt: new Date(claims.exp * 1000) },
    201,
  );
});
