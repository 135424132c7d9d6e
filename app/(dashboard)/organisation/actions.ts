'use server';

import { action } from '@/lib/action';
import { toActionState } from '@/lib/action-state';
import { rotateApiKey } from '@/lib/services/api-key';

export const rotateApiKeyAction = action(
  'rotateApiKeyAction',
  async (actor) =>
    toActionState(await rotateApiKey(actor), 'API key rotated. The old key no longer works.'),
  { refresh: ['/organisation'] },
);
