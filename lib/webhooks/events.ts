// The events an endpoint can subscribe to (docs/webhooks.md). Each is the webhook name of
// an audit event: every change that writes an audit event writes its webhook event in
// the same transaction (lib/services/webhook-outbox.ts). `audit.*` subscribes to every
// audit event, sign-in failures and all: the audit log streamed to another system.

export const WEBHOOK_EVENT_TYPES = {
  'member.joined': 'Someone accepted an invitation and joined',
  'member.role_changed': 'A member’s role was changed',
  'member.token_reset': 'A member’s API tokens were reset',
  'member.removed': 'A member was removed',
  'member.suspended': 'A member was suspended (no access, role kept)',
  'member.reactivated': 'A suspended member was reactivated',
  'member.email_changed': 'A member changed their email address',
  'invitation.created': 'An invitation was created',
  'invitation.revoked': 'An invitation was revoked',
  'role.created': 'A role was created',
  'role.updated': 'A role was changed',
  'role.deleted': 'A role was deleted',
  'organisation.api_key_rotated': 'The organisation API key was rotated',
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

/** Subscribes to every audit event. */
export const ALL_AUDIT_EVENTS = 'audit.*';

/** What an endpoint may list: the event types, and `audit.*`. */
export const SUBSCRIBABLE = [
  ...(Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[]),
  ALL_AUDIT_EVENTS,
] as const;

/** A test sent by hand from the endpoint's page; goes to that endpoint only. */
export const TEST_EVENT = 'webhook.test';

// Audit actions whose webhook name differs; every other action keeps its own name.
const RENAMED: Record<string, WebhookEventType> = {
  'invitation.accepted': 'member.joined',
  'member.deleted': 'member.removed',
  'apikey.rotated': 'organisation.api_key_rotated',
};

/** The webhook event type of an audit action. */
export function webhookTypeOf(action: string): string {
  return RENAMED[action] ?? action;
}
