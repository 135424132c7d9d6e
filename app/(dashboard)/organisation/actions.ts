'use server';

import { field, action } from '@/lib/action';
import { toActionState } from '@/lib/action-state';
import { setWebhook } from '@/lib/services/organisations';
import { rotateApiKey } from '@/lib/services/api-key';

export const rotateApiKeyAction = action(
  'rotateApiKeyAction',
  async (actor) =>
    toActionState(await rotateApiKey(actor), 'API key rotated. The old key no longer works.'),
  { refresh: ['/organisation'] },
);

export const setWebhookAction = action(
  'setWebhookAction',
  async (actor, form) => {
    const result = await setWebhook(actor, { webhookUrl: field(form, 'webhookUrl') ?? '' });
    return toActionState(
      result,
      result.ok && result.webhookUrl ? 'Webhook saved.' : 'Webhook removed.',
    );
  },
  { refresh: ['/organisation'] },
);
