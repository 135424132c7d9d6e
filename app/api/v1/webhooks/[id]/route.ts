import { apiRoute, refuse, withId } from '@/lib/api/handler';
import { deleteWebhookEndpoint, updateWebhookEndpoint } from '@/lib/services/webhooks';

export const PATCH = apiRoute('PATCH /api/v1/webhooks/{id}', async ({ actor, params, body }) => {
  const result = await updateWebhookEndpoint(actor, withId(body, 'endpointId', params.id));
  return result.ok ? result.endpoint : refuse(result);
});

export const DELETE = apiRoute('DELETE /api/v1/webhooks/{id}', async ({ actor, params }) => {
  const result = await deleteWebhookEndpoint(actor, { endpointId: params.id });
  return result.ok ? null : refuse(result);
});
