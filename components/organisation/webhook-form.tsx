'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/action-state';

export function WebhookForm({
  value,
  action,
}: {
  value: string | null;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const { state, formAction, pending, form, onSubmit } = useFormAction(action);
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} className="space-y-2">
      <Field
        label="Webhook URL"
        name="webhookUrl"
        type="url"
        defaultValue={value ?? ''}
        placeholder="https://example.com/hooks/streams"
        hint="Leave empty to remove the webhook."
        error={state.fieldErrors?.webhookUrl}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Save webhook'}
      </Button>
      <FormMessage
        error={state.ok === false && !state.fieldErrors ? state.error : null}
        success={state.ok ? state.message : null}
      />
    </form>
  );
}
