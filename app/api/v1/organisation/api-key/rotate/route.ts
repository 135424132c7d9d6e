import { apiRoute, refuse } from '@/lib/api/handler';
import { rotateApiKey } from '@/lib/services/api-key';

/** A new API key; the old one stops working at once. */
export const POST = apiRoute('POST /api/v1/organisation/api-key/rotate', async ({ actor }) => {
  const result = await rotateApiKey(actor);
  return result.ok ? { apiKey: result.apiKey } : refuse(result);
});
