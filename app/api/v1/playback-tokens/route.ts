import { apiRoute, refuse } from '@/lib/api/handler';
import { createPlaybackToken } from '@/lib/services/playback-tokens';

/** { "streams": [ids] } | { "tag": "…" } | { "orgwide": true }, optional "expiresIn" seconds. */
export const POST = apiRoute('POST /api/v1/playback-tokens', async ({ actor, body }) => {
  const result = await createPlaybackToken(actor, body);
  if (!result.ok) return refuse(result);
  const { claims } = result;
  return { id: claims.jti, token: result.token, ...claims, expiresAt: new Date(claims.exp * 1000) };
});
