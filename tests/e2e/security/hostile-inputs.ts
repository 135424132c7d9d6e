import fc from 'fast-check';
import { ALL_AUDIENCES, ALL_PERMISSIONS, type ActionName } from '../../../lib/rbac';
import { SUBSCRIBABLE } from '../../../lib/webhooks/events';
import type { ActionArgs } from './support';

/** The password of the account the hostile spec signs up. */
export const HOSTILE_PASSWORD = 'hostile-password-0123456789';

// The hostile inputs: what each action reads, a valid form of each to put one hostile
// field into, and the values and shapes an attacker would send.

type Kind =
  | 'text'
  | 'email'
  | 'url'
  | 'number'
  | 'tags'
  | 'permissions'
  | 'audiences'
  | 'member'
  | 'role'
  | 'invitation'
  | 'stream'
  | 'tag'
  | 'webhook'
  | 'event'
  | 'eventTypes'
  | 'session';

/** What each action reads from its form. */
export const INPUTS: Record<ActionName, Record<string, Kind> | 'none'> = {
  signInAction: { email: 'email', password: 'text', callbackUrl: 'text' },
  signUpAction: { email: 'email', password: 'text', organisationName: 'text', callbackUrl: 'text' },
  requestPasswordResetAction: { email: 'email' },
  resetPasswordAction: { token: 'text', password: 'text' },
  confirmSignUpAction: { token: 'text' },
  confirmEmailAction: { token: 'text' },
  requestEmailVerificationAction: 'none',
  changeEmailAction: { email: 'email', password: 'text' },
  acceptInviteAction: { token: 'text' },
  declineInviteAction: { token: 'text' },
  revokeSessionAction: { sessionId: 'session' },
  signOutEverywhereAction: 'none',
  issueTokenAction: 'none',
  rotateApiKeyAction: 'none',
  createWebhookAction: { url: 'url', description: 'text', eventTypes: 'eventTypes' },
  updateWebhookAction: {
    endpointId: 'webhook',
    url: 'url',
    description: 'text',
    eventTypes: 'eventTypes',
    enabled: 'text',
  },
  rotateWebhookSecretAction: { endpointId: 'webhook' },
  sendTestWebhookAction: { endpointId: 'webhook' },
  redeliverWebhookAction: { endpointId: 'webhook', eventId: 'event' },
  deleteWebhookAction: { endpointId: 'webhook' },
  resetUserTokenAction: { membershipId: 'member' },
  suspendUserAction: { membershipId: 'member', reason: 'text' },
  reactivateUserAction: { membershipId: 'member' },
  deleteUserAction: { membershipId: 'member' },
  updatePermissionAction: { membershipId: 'member', roleId: 'role' },
  bulkUpdatePermissionAction: { scope: 'text', members: 'member', roleId: 'role' },
  bulkSuspendAction: { scope: 'text', members: 'member', reason: 'text' },
  bulkReactivateAction: {
    scope: 'text',
    members: 'member',
    q: 'text',
    role: 'role',
    status: 'text',
    after: 'text',
  },
  bulkResetTokenAction: { scope: 'text', members: 'member' },
  bulkDeleteAction: { scope: 'text', members: 'member' },
  inviteRoleChoicesAction: 'none',
  createInvitationAction: { roleId: 'role', email: 'email', lifetimeDays: 'number' },
  previewInvitationsAction: { list: 'text', roleId: 'role', lifetimeDays: 'number' },
  createInvitationsAction: { list: 'text', roleId: 'role', lifetimeDays: 'number' },
  revokeInvitationAction: { invitationId: 'invitation' },
  regenerateInvitationAction: { invitationId: 'invitation' },
  resendInvitationAction: { invitationId: 'invitation' },
  createRoleAction: {
    name: 'text',
    description: 'text',
    permissions: 'permissions',
    audiences: 'audiences',
  },
  updateRoleAction: {
    roleId: 'role',
    name: 'text',
    description: 'text',
    permissions: 'permissions',
    audiences: 'audiences',
  },
  deleteRoleAction: { roleId: 'role' },
  createStreamAction: { name: 'text', tags: 'tags' },
  setStreamTagsAction: { streamId: 'stream', tags: 'tags' },
  stopStreamAction: { streamId: 'stream' },
  lockStreamAction: { streamId: 'stream' },
  unlockStreamAction: { streamId: 'stream' },
  deleteStreamAction: { streamId: 'stream' },
  createTagAction: { name: 'text' },
  renameTagAction: { tagId: 'tag', name: 'text' },
  deleteTagAction: { tagId: 'tag' },
};

/**
 * A form each action accepts, so that one hostile field at a time reaches the service
 * and the database. Sign-in and sign-up have none (a valid one would sign in or create
 * an account); their fields are fuzzed without it.
 */
export const BASELINE: Partial<
  Record<ActionName, (real: Record<string, string[]>, n: number) => Record<string, string>>
> = {
  requestPasswordResetAction: (_r, n) => ({ email: `hostile-reset-${n}@example.test` }),
  revokeSessionAction: (r) => ({ sessionId: r.session![0]! }),
  createWebhookAction: (_r, n) => ({
    url: `https://93.184.216.34/hostile-${n}`,
    description: 'd',
    eventTypes: 'member.joined',
  }),
  updateWebhookAction: (r) => ({ endpointId: r.webhook![0]!, description: 'd' }),
  rotateWebhookSecretAction: (r) => ({ endpointId: r.webhook![0]! }),
  // The one endpoint the others use stays: deleting is fuzzed on ids only.
  deleteWebhookAction: () => ({}),
  sendTestWebhookAction: (r) => ({ endpointId: r.webhook![0]! }),
  redeliverWebhookAction: (r) => ({ endpointId: r.webhook![0]!, eventId: r.event![0]! }),
  resetUserTokenAction: (r) => ({ membershipId: r.member![0]! }),
  // The organisation's only member is its Admin, acting: suspending oneself is refused.
  suspendUserAction: (r) => ({ membershipId: r.member![0]! }),
  reactivateUserAction: (r) => ({ membershipId: r.member![0]! }),
  deleteUserAction: (r) => ({ membershipId: r.member![0]! }),
  updatePermissionAction: (r) => ({ membershipId: r.member![0]!, roleId: r.readonly![0]! }),
  bulkUpdatePermissionAction: (r) => ({
    scope: 'members',
    members: r.member![0]!,
    roleId: r.readonly![0]!,
  }),
  bulkSuspendAction: (r) => ({ scope: 'members', members: r.member![0]! }),
  // Every suspended member matching a filter: there are none, so nothing changes.
  bulkReactivateAction: () => ({ scope: 'filter', status: 'suspended' }),
  bulkResetTokenAction: (r) => ({ scope: 'members', members: r.member![0]! }),
  bulkDeleteAction: (r) => ({ scope: 'members', members: r.member![0]! }),
  createInvitationAction: (r) => ({
    roleId: r.readonly![0]!,
    email: 'someone@example.test',
    lifetimeDays: '7',
  }),
  previewInvitationsAction: (r, n) => ({
    list: `hostile-bulk-${n}@example.test`,
    roleId: r.readonly![0]!,
    lifetimeDays: '7',
  }),
  createInvitationsAction: (r, n) => ({
    list: `hostile-bulk-${n}@example.test`,
    roleId: r.readonly![0]!,
    lifetimeDays: '7',
  }),
  revokeInvitationAction: (r) => ({ invitationId: r.invitation![0]! }),
  regenerateInvitationAction: (r) => ({ invitationId: r.invitation![0]! }),
  // A link for anyone: refused (no address to mail), whatever else is sent.
  resendInvitationAction: (r) => ({ invitationId: r.invitation![0]! }),
  // The right password: the change is asked (a mail to the new address), nothing changes yet.
  changeEmailAction: (_r, n) => ({
    email: `hostile-move-${n}@example.test`,
    password: HOSTILE_PASSWORD,
  }),
  createRoleAction: (_r, n) => ({
    name: `hostile role ${n}`,
    description: 'd',
    permissions: 'streams:read',
    audiences: 'dashboard',
  }),
  updateRoleAction: (r, n) => ({
    roleId: r.custom![0]!,
    name: `hostile role ${n}`,
    description: 'd',
    permissions: 'streams:read',
    audiences: 'dashboard',
  }),
  deleteRoleAction: (r) => ({ roleId: r.custom![0]! }),
  createStreamAction: (_r, n) => ({ name: `hostile stream ${n}`, tags: 'target' }),
  setStreamTagsAction: (r) => ({ streamId: r.stream![0]!, tags: 'target' }),
  stopStreamAction: (r) => ({ streamId: r.stream![0]! }),
  lockStreamAction: (r) => ({ streamId: r.stream![0]! }),
  unlockStreamAction: (r) => ({ streamId: r.stream![0]! }),
  deleteStreamAction: (r) => ({ streamId: r.stream![0]! }),
  createTagAction: (_r, n) => ({ name: `hostile-${n}` }),
  renameTagAction: (r, n) => ({ tagId: r.tag![0]!, name: `hostile-${n}` }),
  deleteTagAction: (r) => ({ tagId: r.tag![0]! }),
};

/** Where a success that names something shows it again: the stored text must be the sent one. */
export const ECHO: Partial<Record<ActionName, { field: string; list: string }>> = {
  createStreamAction: { field: 'name', list: '/api/v1/streams?size=100' },
  createTagAction: { field: 'name', list: '/api/v1/tags' },
  renameTagAction: { field: 'name', list: '/api/v1/tags' },
  createRoleAction: { field: 'name', list: '/api/v1/roles' },
  updateRoleAction: { field: 'name', list: '/api/v1/roles' },
};

/** Actions whose success is not an organisation's change (sessions are the account's). */
export const UNAUDITED = new Set<ActionName>([
  'revokeSessionAction',
  'signOutEverywhereAction',
  // The account's own address: a mail is sent, no organisation changes until its link.
  'requestEmailVerificationAction',
  'changeEmailAction',
  // Queue a delivery of an event already audited (or of a test event): no change.
  'sendTestWebhookAction',
  'redeliverWebhookAction',
  // What a bulk invite would do: nothing changes.
  'previewInvitationsAction',
]);

// ---------------------------------------------------------------------------------
// Hostile values.

type Value = string | File;

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\r\n',
];
const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE memberships; --",
  '\\',
  '%',
  '_%_',
  '$1',
  '1); SELECT pg_sleep(5); --',
];
const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example")',
];
const UNICODE = [
  '\u202egnp.exe',
  'Ａｄｍｉｎ',
  'İstanbul',
  '👩‍👩‍👧',
  'a\u0301',
  '\ud800',
  '\ufeff',
  'ß',
];
const HUGE = ['x'.repeat(100_000), 'é'.repeat(50_000), '<'.repeat(100_000)];

/** One of each kind the brief of these tests names, for every field. */
export const FIXED: Value[] = [
  'a\u0000b\u001bc',
  HUGE[0]!,
  '👩‍👩‍👧 \u202eabc \ud800',
  "x'; DROP TABLE memberships; --<script>alert(1)</script>",
  new File(['hostile file content'], 'x.txt', { type: 'text/plain' }),
];

const controlText = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 12 }))
  .map(([a, c, b]) => a + c + b);
export const anyText = fc.oneof(
  controlText,
  fc.constantFrom(...HUGE),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom(...UNICODE, ...SQL, ...HTML),
);
export const file = fc
  .constantFrom('hostile.txt', 'x.png', '')
  .map((name) => new File(['hostile file content'], name, { type: 'text/plain' }));
const notAnId = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'null',
    'undefined',
    '[object Object]',
    '-1',
  ),
  controlText,
  fc.constantFrom(...SQL),
);

function valueOf(kind: Kind, real: Record<string, string[]>): fc.Arbitrary<Value> {
  const hostile = fc.oneof(anyText, file);
  switch (kind) {
    case 'email':
      return fc.oneof(hostile, fc.constantFrom('a@b', 'admin@example.com\u0000', '@example.com'));
    case 'url':
      return fc.oneof(
        hostile,
        fc.constantFrom(
          'https://hooks.example.test/a\u0000b',
          'javascript:alert(1)',
          'file:///etc/passwd',
          `https://hooks.example.test/${'a'.repeat(3000)}`,
        ),
      );
    case 'number':
      return fc.oneof(
        hostile,
        fc.constantFrom('1e309', '-1', 'NaN', '0x10', '7.5', '9'.repeat(30)),
      );
    case 'tags':
    case 'text':
      return hostile;
    case 'permissions':
      return fc.oneof(hostile, fc.constantFrom(...ALL_PERMISSIONS, '*', '__proto__'));
    case 'audiences':
      return fc.oneof(hostile, fc.constantFrom(...ALL_AUDIENCES, 'admin'));
    case 'eventTypes':
      return fc.oneof(hostile, fc.constantFrom(...SUBSCRIBABLE, 'audit.**', 'member.*', ''));
    default:
      // An id field: a real id of this organisation now and then, so the other fields
      // are read too, else something that is not one.
      return fc.oneof(hostile, notAnId, fc.constantFrom(...(real[kind] ?? ['x'])));
  }
}

/** A form of the action's fields, each missing, present once, or repeated. */
export function formOf(fields: Record<string, Kind>, real: Record<string, string[]>) {
  const entries = Object.entries(fields).map(([name, kind]) =>
    fc
      .option(fc.array(valueOf(kind, real), { minLength: 1, maxLength: 3 }), { freq: 4 })
      .map((values) => [name, values] as const),
  );
  return fc.tuple(...entries).map((pairs) => {
    const data = new FormData();
    for (const [name, values] of pairs) for (const v of values ?? []) data.append(name, v);
    return data;
  });
}

/** Arguments no form sends. */
export const SHAPES: { label: string; args: ActionArgs }[] = [
  { label: '[]', args: [] },
  { label: '[{}, "x"]', args: [{}, 'x'] },
  { label: '[null]', args: [null] },
  { label: '[{}, {}, 1]', args: [{}, {}, 1] },
  { label: 'the string "x" (encoded)', args: { raw: '"x"' } },
  { label: 'the text x (not JSON)', args: { raw: 'x' } },
];

/** An input as a short line: long strings cut, files and forms spelled out. */
export function show(args: ActionArgs): string {
  const cut = (x: string) => (x.length > 60 ? `${x.slice(0, 20)}…(${x.length} characters)` : x);
  if (!Array.isArray(args)) return `raw ${JSON.stringify(cut(args.raw))}`;
  return JSON.stringify(args, (_k, v: unknown) => {
    if (typeof v === 'string') return cut(v);
    if (v instanceof File) return `file:${v.name}`;
    if (v instanceof FormData) {
      return Object.fromEntries(
        [...new Set(v.keys())].map((k) => [
          k,
          v.getAll(k).map((x) => (typeof x === 'string' ? cut(x) : `file:${x.name}`)),
        ]),
      );
    }
    return v;
  });
}
