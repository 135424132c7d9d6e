import { json, publicApiRoute, readJson } from '@/lib/api/handler';
import { errorResponse } from '@/lib/http';
import { verifyPlaybackToken } from '@/lib/services/playback-tokens';
import { fieldErrorsOf } from '@/lib/services/result';
import { verifyPlaybackSchema } from '@/lib/validation/tokens';

// Verified by signature alone: no database lookup, no authentication needed. A body
// without a token is 422; a token that does not verify is 401.
export const POST = publicApiRoute(async ({ req }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const parsed = verifyPlaybackSchema.safeParse(body.body);
  if (!parsed.success)
    return errorResponse('invalid', 'Send { "token": "…" }.', {
      extra: { fields: fieldErrorsOf(parsed.error) },
    });
  const claims = await verifyPlaybackToken(parsed.data);
  return claims
    ? json({ valid: true, claims })
    : errorResponse('unauthenticated', 'The playback token is not valid.');
});
