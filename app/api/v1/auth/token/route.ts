import { json, publicApiRoute, readJson } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { issueBintuTokenWithPassword } from '@/lib/services/tokens';

export const POST = publicApiRoute(async ({ req, context }) => {
  const body = await readJson(req);
  if (!body.ok) return body.response;
  const result = await issueBintuTokenWithPassword(body.body, context);
  if (!result.ok) return failureResponse(result);
  return json(
    { token: result.token, expiresAt: result.expiresAt, organisation: result.organisation },
    201,
  );
});
