import { json, publicApiRoute, readJson } from '@/lib/api/handler';
import { errorResponse } from '@/lib/http';
import { verifyPlaybackToken } from '@/lib/services/playback-tokens';

// Verified by signature alone: no database lookup, no authentication needed.
export const POST = publicApiRoute(async ({ req }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const claims = await verifyPlaybackToken(body.body);
  return claims
    ? json({ valid: true, claims })
    : errorResponse('unauthenticated', 'The playback token is not valid.');
});
