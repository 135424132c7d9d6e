import { apiRoute, json } from '@/lib/api/handler';
import { getApiKey } from '@/lib/services/api-key';

export const GET = apiRoute(async ({ actor }) => json({ apiKey: await getApiKey(actor) }));
