import { apiRoute, json } from '@/lib/api/handler';
import { failureResponse } from '@/lib/http';
import { rotateApiKey } from '@/lib/services/api-key';

/** A new API key; the old one stops working at once. */
export const POST = apiRoute(async ({ actor }) => {
  const result = await rotateApiKey(actor);
  return result.ok ? json({ apiKey: result.apiKey }, 201) : failureResponse(result);
});
