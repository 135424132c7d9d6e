'use server';

import { action, field, fields, type Refresh } from '@/lib/action';
import { toActionState, type ActionState } from '@/lib/action-state';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverEvent,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhookEndpoint,
} from '@/lib/services/webhooks';

// Thin: the form's fields and the service, which checks `webhook:write` and the
// endpoint's organisation. The wrapper (lib/action.ts) checks the caller first.

export interface SecretActionState extends ActionState {
  /** The signing secret: shown once, never again. */
  secret?: string;
  endpointId?: string;
}

const refresh: Refresh = [['/organisation/webhooks', 'layout']];
const SECRET_ONCE = 'Copy the signing secret now: it is shown only once.';

export const createWebhookAction = action(
  'createWebhookAction',
  async (actor, form): Promise<SecretActionState> => {
    const result = await createWebhookEndpoint(actor, {
      url: field(form, 'url'),
      description: field(form, 'description'),
      eventTypes: fields(form, 'eventTypes'),
    });
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: `Endpoint added. ${SECRET_ONCE}`,
      secret: result.secret,
      endpointId: result.endpoint.id,
    };
  },
  { refresh },
);

export const updateWebhookAction = action(
  'updateWebhookAction',
  async (actor, form) => {
    const enabled = field(form, 'enabled');
    const result = await updateWebhookEndpoint(actor, {
      endpointId: field(form, 'endpointId'),
      url: field(form, 'url'),
      description: field(form, 'description'),
      // The edit form sends its checkboxes with a marker, so that none ticked is an error
      // and not "unchanged"; the enable switch sends `enabled` alone.
      eventTypes: form.has('eventTypesSent') ? fields(form, 'eventTypes') : undefined,
      enabled: enabled === undefined ? undefined : enabled,
    });
    return toActionState(
      result,
      result.ok
        ? enabled === undefined
          ? 'Endpoint saved.'
          : result.endpoint.enabled
            ? 'Endpoint enabled.'
            : 'Endpoint disabled. Nothing more is sent to it.'
        : undefined,
    );
  },
  { refresh },
);

export const rotateWebhookSecretAction = action(
  'rotateWebhookSecretAction',
  async (actor, form): Promise<SecretActionState> => {
    const result = await rotateWebhookSecret(actor, { endpointId: field(form, 'endpointId') });
    if (!result.ok) return toActionState(result);
    return { ok: true, message: `Secret rotated. ${SECRET_ONCE}`, secret: result.secret };
  },
  { refresh },
);

export const deleteWebhookAction = action(
  'deleteWebhookAction',
  async (actor, form) => {
    const result = await deleteWebhookEndpoint(actor, { endpointId: field(form, 'endpointId') });
    return toActionState(
      result,
      result.ok ? `Endpoint ${result.endpoint.url} deleted.` : undefined,
    );
  },
  { refresh },
);

export const sendTestWebhookAction = action(
  'sendTestWebhookAction',
  async (actor, form): Promise<ActionState & { eventId?: string }> => {
    const result = await sendTestEvent(actor, { endpointId: field(form, 'endpointId') });
    if (!result.ok) return toActionState(result);
    return {
      ok: true,
      message: 'Test event queued: it appears in the delivery log within seconds.',
      eventId: result.eventId,
    };
  },
  { refresh },
);

export const redeliverWebhookAction = action(
  'redeliverWebhookAction',
  async (actor, form) =>
    toActionState(
      await redeliverEvent(actor, {
        endpointId: field(form, 'endpointId'),
        eventId: field(form, 'eventId'),
      }),
      'Event queued again: it appears in the delivery log within seconds.',
    ),
  { refresh },
);
