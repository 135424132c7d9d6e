import { json, publicApiRoute, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { verifyPlaybackToken } from '@/lib/services/playback-tokens';

// Verified by signature alone: no database lookup, no authentication needed. A body
// without a token is 422; a token that does not verify is 401.
export const POST = publicApiRoute(async ({ req }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await verifyPlaybackToken(body.body);
  return result.ok ? json({ valid: true, claims: result.claims }) : failureResponse(result);
});
