'use client';

import { buttonClass } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { Field } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import type { ActionState } from '@/lib/action-state';
import {
  ALL_AUDIT_EVENTS,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '@/lib/webhooks/events';

type Action<S extends ActionState = ActionState> = (prev: S, form: FormData) => Promise<S>;
type SecretState = ActionState & { secret?: string };

export interface EndpointValues {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
}

/** Each event type with what it means, and `audit.*` last. */
const EVENT_CHOICES: [string, string][] = [
  ...(Object.entries(WEBHOOK_EVENT_TYPES) as [WebhookEventType, string][]),
  [
    ALL_AUDIT_EVENTS,
    'Every audit event, as the audit log records it (to stream it to another system)',
  ],
];

function SecretShown({ state }: { state: SecretState }) {
  return (
    <div className="space-y-3">
      <p className="text-sm">{state.message}</p>
      {state.secret ? (
        <CopyField
          label="Signing secret"
          value={state.secret}
          note="Receivers verify each event's webhook-signature header with it (any Standard Webhooks library)."
        />
      ) : null}
    </div>
  );
}

/** Add an endpoint (its secret shown once after) or edit one: URL, description, events. */
export function EndpointFormDialog({
  endpoint,
  action,
}: {
  endpoint?: EndpointValues;
  action: Action<SecretState>;
}) {
  const create = !endpoint;
  return (
    <FormDialog
      trigger={
        <button className={buttonClass(create ? 'primary' : 'secondary', create ? 'md' : 'sm')}>
          {create ? 'Add endpoint' : 'Edit endpoint'}
        </button>
      }
      title={create ? 'Add endpoint' : 'Edit endpoint'}
      description="The URL receives a signed POST for each event it subscribes to."
      size="lg"
      action={action}
      fields={endpoint ? { endpointId: endpoint.id, eventTypesSent: '1' } : {}}
      submitLabel={create ? 'Add endpoint' : 'Save endpoint'}
      success={create ? (state) => <SecretShown state={state} /> : undefined}
    >
      {({ fieldErrors = {} }) => (
        <>
          <Field
            label="Endpoint URL"
            name="url"
            type="url"
            required
            maxLength={2000}
            placeholder="https://example.com/webhooks/org"
            defaultValue={endpoint?.url}
            error={fieldErrors.url}
          />
          <Field
            label="Description"
            name="description"
            maxLength={200}
            defaultValue={endpoint?.description}
            error={fieldErrors.description}
          />
          <EventTypeFields
            checked={new Set(endpoint?.eventTypes ?? ['member.joined', 'member.removed'])}
            error={fieldErrors.eventTypes}
          />
        </>
      )}
    </FormDialog>
  );
}

function EventTypeFields({ checked, error }: { checked: Set<string>; error?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Events</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {EVENT_CHOICES.map(([type, label]) => (
          <label
            key={type}
            className={`flex items-start gap-2 text-sm ${type === ALL_AUDIT_EVENTS ? 'sm:col-span-2' : ''}`}
          >
            <input
              type="checkbox"
              name="eventTypes"
              value={type}
              defaultChecked={checked.has(type)}
              className="mt-1"
            />
            <span>
              <code className="text-xs">{type}</code>
              <span className="block text-xs text-slate-600">{label}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
    </fieldset>
  );
}

/** Rotate the signing secret: confirm, then the new secret, shown once. */
export function RotateSecretDialog({
  endpointId,
  action,
}: {
  endpointId: string;
  action: Action<SecretState>;
}) {
  return (
    <FormDialog
      alert
      trigger={
        <button type="button" className={buttonClass('secondary', 'sm')}>
          Rotate secret
        </button>
      }
      title="Rotate signing secret"
      description="Events are signed with a new secret from now on; the current one stops at once. Update your receiver with the new secret."
      action={action}
      fields={{ endpointId }}
      submitLabel="Rotate secret"
      pendingLabel="Working…"
      destructive
      success={(state) => <SecretShown state={state} />}
    />
  );
}
