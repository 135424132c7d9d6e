import { z } from 'zod';
import { SUBSCRIBABLE } from '@/lib/webhooks/events';
import { lineText } from './text';

// Webhook endpoints (docs/webhooks.md). The URL's scheme and form are checked here; its
// address is checked when saved and again at every delivery (lib/webhooks/send.ts).

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
export const WEBHOOK_ENDPOINTS_MAX = 20;

const url = lineText({
  min: 1,
  max: WEBHOOK_URL_MAX,
  required: 'Enter the URL that receives the events.',
}).pipe(z.url({ protocol: /^https?$/, error: 'Enter an https:// URL.' }));

const description = lineText({ max: WEBHOOK_DESCRIPTION_MAX }).meta({
  description: 'What the endpoint is for.',
});

/** Event types as a list (API) or repeated form fields; at least one. */
const eventTypes = z
  .array(z.enum(SUBSCRIBABLE, { error: `Choose from: ${SUBSCRIBABLE.join(', ')}.` }), {
    error: 'Choose the events to send.',
  })
  .min(1, 'Choose at least one event.')
  .transform((types) => [...new Set(types)])
  .meta({ description: 'Event types, or `audit.*` for every audit event.' });

const enabled = z
  .union([z.boolean(), z.enum(['true', 'false', 'on'])])
  .transform((v) => v === true || v === 'true' || v === 'on')
  .meta({ type: 'boolean' });

export const webhookEndpointIdSchema = z.uuid({ error: 'Unknown endpoint.' });

export const createWebhookSchema = z.object({
  url,
  description: description.default(''),
  eventTypes,
});

export const updateWebhookSchema = z.object({
  endpointId: webhookEndpointIdSchema,
  url: url.optional(),
  description: description.optional(),
  eventTypes: eventTypes.optional(),
  enabled: enabled.optional(),
});

export const webhookTargetSchema = z.object({ endpointId: webhookEndpointIdSchema });

export const redeliverSchema = z.object({
  endpointId: webhookEndpointIdSchema,
  eventId: z.uuid({ error: 'Unknown event.' }),
});
