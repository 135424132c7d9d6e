import { apiRoute, refuse } from '@/lib/api/handler';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/services/webhooks';

export const GET = apiRoute('GET /api/v1/webhooks', async ({ actor }) => ({
  data: await listWebhookEndpoints(actor),
  next: null,
}));

export const POST = apiRoute('POST /api/v1/webhooks', async ({ actor, body }) => {
  const result = await createWebhookEndpoint(actor, body);
  return result.ok ? { endpoint: result.endpoint, secret: result.secret } : refuse(result);
});
