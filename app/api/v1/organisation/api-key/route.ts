import { apiRoute, json } from '@/lib/api/handler';
import { getApiKey } from '@/lib/services/tokens';

export const GET = apiRoute(async ({ actor }) => json({ apiKey: await getApiKey(actor) }));
