'use server';

import { revalidatePath } from 'next/cache';
import { getActionActor } from '@/lib/auth/actor';
import { toActionState, SIGNED_OUT, type ActionState } from '@/lib/action-state';
import { setWebhook } from '@/lib/services/organisations';
import { rotateApiKey } from '@/lib/services/tokens';

export async function rotateApiKeyAction(_prev: ActionState): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await rotateApiKey(actor);
  if (result.ok) revalidatePath('/organisation');
  return toActionState(result, 'API key rotated. The old key no longer works.');
}

export async function setWebhookAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await getActionActor();
  if (!actor) return SIGNED_OUT;
  const result = await setWebhook(actor, { webhookUrl: form.get('webhookUrl') ?? '' });
  if (result.ok) revalidatePath('/organisation');
  return toActionState(
    result,
    result.ok && result.webhookUrl ? 'Webhook saved.' : 'Webhook removed.',
  );
}
