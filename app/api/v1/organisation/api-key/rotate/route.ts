import { apiRoute, failure, json } from '@/lib/api/handler';
import { rotateApiKey } from '@/lib/services/tokens';

/** A new API key; the old one stops working at once. */
export const POST = apiRoute(async ({ actor }) => {
  const result = await rotateApiKey(actor);
  return result.ok ? json({ apiKey: result.apiKey }, 201) : failure(result);
});
