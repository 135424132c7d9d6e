import { apiRoute, refuse } from '@/lib/api/handler';
import { verifyPlaybackToken } from '@/lib/services/playback-tokens';

// Verified by signature alone: no database lookup, no authentication needed. A body
// without a token is 422; a token that does not verify is 401.
export const POST = apiRoute('POST /api/v1/playback-tokens/verify', async ({ body }) => {
  const result = await verifyPlaybackToken(body);
  return result.ok ? { valid: true as const, claims: result.claims } : refuse(result);
});
