import { apiRoute } from '@/lib/api/handler';
import { getApiKey } from '@/lib/services/api-key';

export const GET = apiRoute('GET /api/v1/organisation/api-key', async ({ actor }) => ({
  apiKey: await getApiKey(actor),
}));
