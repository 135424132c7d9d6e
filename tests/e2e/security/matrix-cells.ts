import type { ActionName, Permission } from '../../../lib/rbac';
import { E, type Effect } from './matrix-effects';
import {
  RULES,
  has,
  hasAudience,
  needs,
  pageGate,
  type ApiKey,
  type Caller,
  type Rule,
  type Target,
} from './matrix-rules';
import type { World } from './matrix-world';
import { form } from './support';

// What each row of the matrix sends and, when it is allowed, what must have changed.
// Every server action, REST endpoint and page needs an entry here: the spec lists them
// from the build and the source tree and fails on one without an entry.

const MEMBERS = ['demo ReadOnly member', 'demo Admin member', 'other-org member'];
const SUSPENDED = [
  'demo suspended member',
  'demo suspended Admin member',
  'other-org suspended member',
];
const ASSIGNABLE = [
  'demo ReadOnly role',
  'demo low role',
  'demo Admin role',
  'other-org ReadOnly role',
];
const CUSTOM_ROLES = [
  'demo low custom role',
  'demo high custom role',
  'demo default role',
  'other-org custom role',
];
const INVITATIONS = [
  'demo invitation (ReadOnly role)',
  'demo invitation (low role)',
  'other-org invitation',
];
const STREAMS = ['demo stream', 'other-org stream'];
const LOCKED = ['demo locked stream', 'other-org locked stream'];
const TAGS = ['demo tag', 'other-org tag'];
const ENDPOINTS = ['demo webhook endpoint', 'other-org webhook endpoint'];
const WEBHOOK_EVENTS = ['demo webhook event', 'other-org webhook event'];
const NONE = ['—'];
const HOOK_URL = () => `https://93.184.216.34/${fresh('matrix-hook')}`;

let serial = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++serial}`;

// ---------------------------------------------------------------------------------
// Server actions.

export interface ActionSpec {
  targets: string[];
  rule: Rule;
  /** The arguments, as the page's form would call the action. */
  args: (t: Target, c: Caller) => unknown[];
  effect?: Effect;
  /** The outcome once past the gate: accepted, and refused by the service. */
  accepted?: (t: Target) => string;
  refused?: (t: Target, c: Caller) => string;
  /** Cells that end the caller's session or change its membership run last. */
  order?: 'join' | 'sign-out';
  /** The response may name the invitation's organisation. */
  foreignOk?: boolean;
  /** Past its gate, it answers and changes nothing (checked with the snapshots). */
  readOnly?: boolean;
}

const fd = (fields: Parameters<typeof form>[0]) => [{}, form(fields)];
/** A bulk action on one member (see bulkUpdatePermissionAction below). */
const bulkMembers = (effect: Effect, extra: Record<string, string> = {}): ActionSpec => ({
  targets: MEMBERS,
  rule: (c, t) => (has(c, 'users:read') ? RULES.member(c, t) : 'forbidden'),
  args: (t) => fd({ scope: 'members', members: t.id, ...extra }),
  effect,
  refused: (_t, c) => (has(c, 'users:read') ? 'refused rows' : 'refused state'),
});
const roleForm = (t: Target, extra: Record<string, string> = {}) =>
  fd({
    name: fresh('Matrix role'),
    description: 'matrix',
    permissions: [...t.grants!.permissions],
    audiences: [...t.grants!.audiences],
    ...extra,
  });

const UNKNOWN_LINK: ActionSpec = {
  targets: ['unknown confirmation link'],
  rule: RULES.own,
  args: (t) => fd({ token: t.id }),
  accepted: () => 'refused state',
  readOnly: true,
};

export const ACTIONS: Record<ActionName, ActionSpec> = {
  // Open to anyone: a malformed form reaches the action, which refuses it field by field
  // and changes nothing (real sign-ins and sign-ups are the setup's).
  signInAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ email: 'not-an-email', password: 'x' }),
    accepted: () => 'refused state',
    readOnly: true,
  },
  signUpAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ email: 'not-an-email', password: 'short' }),
    accepted: () => 'refused state',
    readOnly: true,
  },
  // An unknown address gets the answer a known one gets, and nothing is written.
  requestPasswordResetAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ email: `${fresh('nobody')}@example.test` }),
    accepted: () => 'allowed',
    readOnly: true,
  },
  // A link that was never issued: refused by the service, nothing changes.
  resetPasswordAction: {
    targets: ['unknown reset link'],
    rule: RULES.own,
    args: (t) => fd({ token: t.id, password: 'a new password 12345' }),
    accepted: () => 'refused state',
    readOnly: true,
  },
  // Links that were never sent: refused by the service, nothing changes.
  confirmSignUpAction: UNKNOWN_LINK,
  confirmEmailAction: UNKNOWN_LINK,
  // Every caller's address is verified (they signed up through the link): nothing to send.
  requestEmailVerificationAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({}),
    accepted: () => 'allowed',
    readOnly: true,
  },
  // With a wrong current password: refused at the field, nothing sent or changed.
  changeEmailAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ email: `${fresh('moved')}@example.test`, password: 'not the password' }),
    accepted: () => 'refused state',
    readOnly: true,
  },
  acceptInviteAction: {
    targets: ['demo invitation link'],
    rule: RULES.joins,
    args: (t) => fd({ token: t.id }),
    effect: E.joined,
    accepted: () => 'redirect /organisation',
    refused: (t) => `redirect /invite/${t.id}`,
    order: 'join',
    foreignOk: true,
  },
  declineInviteAction: {
    targets: ['demo invitation link'],
    rule: RULES.joins,
    args: (t) => fd({ token: t.id }),
    effect: E.declined,
    accepted: (t) => `redirect /invite/${t.id}?declined=1`,
    refused: (t) => `redirect /invite/${t.id}`,
    foreignOk: true,
  },
  revokeSessionAction: {
    targets: ['own spare session', "another account's session"],
    rule: RULES.session,
    args: (t) => fd({ sessionId: t.id }),
    effect: E.sessionRevoked,
  },
  signOutEverywhereAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({}),
    effect: E.signedOut,
    accepted: () => 'redirect /sign-in',
    order: 'sign-out',
  },
  issueTokenAction: { targets: NONE, rule: RULES.own, args: () => fd({}), effect: E.tokenIssued },
  rotateApiKeyAction: { targets: NONE, rule: RULES.own, args: () => fd({}), effect: E.keyRotated },
  createWebhookAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ url: HOOK_URL(), eventTypes: ['member.joined'], description: 'matrix' }),
    effect: E.webhookCreated,
  },
  updateWebhookAction: {
    targets: ENDPOINTS,
    rule: RULES.scoped,
    args: (t) => fd({ endpointId: t.id, description: fresh('matrix') }),
    effect: E.webhookUpdated,
  },
  rotateWebhookSecretAction: {
    targets: ENDPOINTS,
    rule: RULES.scoped,
    args: (t) => fd({ endpointId: t.id }),
    effect: E.webhookSecretRotated,
  },
  deleteWebhookAction: {
    targets: ENDPOINTS,
    rule: RULES.scoped,
    args: (t) => fd({ endpointId: t.id }),
    effect: E.webhookDeleted,
  },
  sendTestWebhookAction: {
    targets: ENDPOINTS,
    rule: RULES.scoped,
    args: (t) => fd({ endpointId: t.id }),
    effect: E.webhookQueued,
  },
  redeliverWebhookAction: {
    targets: WEBHOOK_EVENTS,
    rule: RULES.scoped,
    args: (t) => fd({ endpointId: t.id, eventId: t.eventId! }),
    effect: E.webhookQueued,
  },
  resetUserTokenAction: {
    targets: MEMBERS,
    rule: RULES.member,
    args: (t) => fd({ membershipId: t.id }),
    effect: E.tokenReset,
  },
  deleteUserAction: {
    targets: MEMBERS,
    rule: RULES.member,
    args: (t) => fd({ membershipId: t.id }),
    effect: E.memberDeleted,
  },
  suspendUserAction: {
    targets: MEMBERS,
    rule: RULES.member,
    args: (t) => fd({ membershipId: t.id, reason: 'matrix' }),
    effect: E.memberSuspended,
  },
  reactivateUserAction: {
    targets: SUSPENDED,
    rule: RULES.member,
    args: (t) => fd({ membershipId: t.id }),
    effect: E.memberReactivated,
  },
  updatePermissionAction: {
    targets: MEMBERS,
    rule: RULES.memberRole,
    args: (t) => fd({ membershipId: t.id, roleId: t.newRole!.id }),
    effect: E.roleChanged,
  },
  // Bulk actions work on the user list (users:read, then the action's permission) and
  // answer per member: a member out of reach is a refused row, not a refused request (a
  // role out of reach refuses the whole request).
  bulkUpdatePermissionAction: {
    targets: MEMBERS,
    rule: (c, t) => (has(c, 'users:read') ? RULES.memberRole(c, t) : 'forbidden'),
    args: (t) => fd({ scope: 'members', members: t.id, roleId: t.newRole!.id }),
    effect: E.roleChanged,
    refused: (t, c) =>
      has(c, 'users:read') && RULES.assign(c, t.newRole!) === 'ok'
        ? 'refused rows'
        : 'refused state',
  },
  bulkSuspendAction: bulkMembers(E.memberSuspended, { reason: 'matrix' }),
  bulkReactivateAction: { ...bulkMembers(E.memberReactivated), targets: SUSPENDED },
  bulkResetTokenAction: bulkMembers(E.tokenReset),
  bulkDeleteAction: bulkMembers(E.memberDeleted),
  inviteRoleChoicesAction: { targets: NONE, rule: RULES.own, args: () => fd({}), readOnly: true },
  createInvitationAction: {
    targets: ASSIGNABLE,
    rule: RULES.assign,
    args: (t) => fd({ roleId: t.id, email: '', lifetimeDays: '7' }),
    effect: E.invitationCreated,
  },
  previewInvitationsAction: {
    targets: ASSIGNABLE,
    rule: RULES.assign,
    args: (t) => fd({ list: `${fresh('matrix-bulk')}@example.test`, roleId: t.id }),
    readOnly: true,
  },
  createInvitationsAction: {
    targets: ASSIGNABLE,
    rule: RULES.assign,
    args: (t) =>
      fd({ list: `${fresh('matrix-bulk')}@example.test`, roleId: t.id, lifetimeDays: '7' }),
    effect: E.invitationCreated,
  },
  revokeInvitationAction: {
    targets: INVITATIONS,
    rule: RULES.scoped,
    args: (t) => fd({ invitationId: t.id }),
    effect: E.invitationRevoked,
  },
  regenerateInvitationAction: {
    targets: INVITATIONS,
    rule: RULES.assign,
    args: (t) => fd({ invitationId: t.id }),
    effect: E.invitationRegenerated,
  },
  resendInvitationAction: {
    targets: INVITATIONS,
    rule: RULES.assign,
    args: (t) => fd({ invitationId: t.id }),
    effect: E.invitationResent,
  },
  createRoleAction: {
    targets: ['low grants', 'high grants'],
    rule: RULES.grants,
    args: (t) => roleForm(t),
    effect: E.roleCreated,
  },
  updateRoleAction: {
    targets: CUSTOM_ROLES,
    rule: RULES.customRole,
    args: (t) => roleForm(t, { roleId: t.id }),
    effect: E.roleUpdated,
  },
  deleteRoleAction: {
    targets: CUSTOM_ROLES,
    rule: RULES.customRole,
    args: (t) => fd({ roleId: t.id }),
    effect: E.roleDeleted,
  },
  createStreamAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ name: fresh('matrix stream') }),
    effect: E.streamCreated,
  },
  stopStreamAction: {
    targets: STREAMS,
    rule: RULES.scoped,
    args: (t) => fd({ streamId: t.id }),
    effect: E.stopped,
  },
  lockStreamAction: {
    targets: STREAMS,
    rule: RULES.scoped,
    args: (t) => fd({ streamId: t.id }),
    effect: E.locked,
  },
  unlockStreamAction: {
    targets: LOCKED,
    rule: RULES.scoped,
    args: (t) => fd({ streamId: t.id }),
    effect: E.unlocked,
  },
  deleteStreamAction: {
    targets: STREAMS,
    rule: RULES.scoped,
    args: (t) => fd({ streamId: t.id }),
    effect: E.streamDeleted,
  },
  setStreamTagsAction: {
    targets: STREAMS,
    rule: RULES.scoped,
    args: (t) => fd({ streamId: t.id, tags: t.tagName! }),
    effect: E.retagged,
  },
  createTagAction: {
    targets: NONE,
    rule: RULES.own,
    args: () => fd({ name: fresh('matrix-tag') }),
    effect: E.tagCreated,
  },
  renameTagAction: {
    targets: TAGS,
    rule: RULES.scoped,
    args: (t) => fd({ tagId: t.id, name: fresh('renamed') }),
    effect: E.tagRenamed,
  },
  deleteTagAction: {
    targets: TAGS,
    rule: RULES.scoped,
    args: (t) => fd({ tagId: t.id }),
    effect: E.tagDeleted,
  },
};

// ---------------------------------------------------------------------------------
// The REST API.

export interface ApiSpec {
  targets: string[];
  rule: Rule;
  body?: (t: Target, c: Caller, w: World) => unknown;
  /** The status of success. */
  ok: number;
  /** Whether success changes something (such cells run with fresh targets). */
  writes: boolean;
  effect?: Effect;
  /** Endpoints without authentication: the status for this caller and target. */
  public?: (c: Caller, t: Target) => number;
  /** The answer may name another organisation by design. */
  foreignOk?: boolean;
  /**
   * A bulk endpoint: the request needs this permission (403 without); past it, the
   * answer is 200 and `rule` decides whether the target member changed.
   */
  bulk?: Permission;
}

const reads = (targets = NONE, rule: Rule = RULES.own): ApiSpec => ({
  targets,
  rule,
  ok: 200,
  writes: false,
});

export const API: Record<ApiKey, ApiSpec> = {
  'GET /api/v1/openapi.json': { ...reads(), public: () => 200 },
  'POST /api/v1/auth/token': {
    targets: NONE,
    rule: RULES.own,
    ok: 201,
    writes: true,
    // The caller's own email and password; callers without any try an unknown account.
    body: (_t, c, w) =>
      c.password
        ? { email: c.email, password: c.password }
        : { email: `nobody-${w.run}@example.test`, password: 'not the password' },
    public: (c) =>
      !c.password ? 401 : !c.org || !hasAudience(c, 'api') || !has(c, 'token:read') ? 403 : 201,
    effect: E.tokenIssued,
  },
  'POST /api/v1/playback-tokens/verify': {
    ...reads(['valid playback token', 'forged playback token']),
    body: (t) => ({ token: t.id }),
    public: (_c, t) => (t.valid ? 200 : 401),
    // The claims of a valid token name its organisation, like the token itself does.
    foreignOk: true,
  },
  'GET /api/v1/me': reads(),
  'GET /api/v1/users': reads(),
  'GET /api/v1/users/{id}': reads(MEMBERS, RULES.scoped),
  'PATCH /api/v1/users/{id}': {
    targets: MEMBERS,
    rule: RULES.memberRole,
    body: (t) => ({ roleId: t.newRole!.id }),
    ok: 200,
    writes: true,
    effect: E.roleChanged,
  },
  'DELETE /api/v1/users/{id}': {
    targets: MEMBERS,
    rule: RULES.member,
    ok: 204,
    writes: true,
    effect: E.memberDeleted,
  },
  'POST /api/v1/users/{id}/reset-token': {
    targets: MEMBERS,
    rule: RULES.member,
    ok: 200,
    writes: true,
    effect: E.tokenReset,
  },
  'POST /api/v1/users/{id}/suspend': {
    targets: MEMBERS,
    rule: RULES.member,
    body: () => ({ reason: 'matrix' }),
    ok: 200,
    writes: true,
    effect: E.memberSuspended,
  },
  'POST /api/v1/users/{id}/reactivate': {
    targets: SUSPENDED,
    rule: RULES.member,
    ok: 200,
    writes: true,
    effect: E.memberReactivated,
  },
  'POST /api/v1/users/bulk': {
    targets: MEMBERS,
    rule: RULES.member,
    body: (t) => ({ action: 'suspend', members: [t.id], reason: 'matrix' }),
    ok: 200,
    writes: true,
    effect: E.memberSuspended,
    bulk: 'users:suspend',
  },
  'GET /api/v1/invitations': reads(),
  'POST /api/v1/invitations': {
    targets: ASSIGNABLE,
    rule: RULES.assign,
    body: (t) => ({ roleId: t.id }),
    ok: 201,
    writes: true,
    effect: E.invitationCreated,
  },
  'GET /api/v1/roles': reads(),
  'GET /api/v1/organisation/api-key': reads(),
  'POST /api/v1/organisation/api-key/rotate': {
    targets: NONE,
    rule: RULES.own,
    ok: 201,
    writes: true,
    effect: E.keyRotated,
  },
  'GET /api/v1/audit': reads(),
  'GET /api/v1/streams': reads(),
  'POST /api/v1/streams': {
    targets: NONE,
    rule: RULES.own,
    body: () => ({ name: fresh('matrix stream') }),
    ok: 201,
    writes: true,
    effect: E.streamCreated,
  },
  'GET /api/v1/streams/{id}': reads(STREAMS, RULES.scoped),
  'DELETE /api/v1/streams/{id}': {
    targets: STREAMS,
    rule: RULES.scoped,
    ok: 204,
    writes: true,
    effect: E.streamDeleted,
  },
  'POST /api/v1/streams/{id}/stop': {
    targets: STREAMS,
    rule: RULES.scoped,
    ok: 200,
    writes: true,
    effect: E.stopped,
  },
  'POST /api/v1/streams/{id}/lock': {
    targets: STREAMS,
    rule: RULES.scoped,
    ok: 200,
    writes: true,
    effect: E.locked,
  },
  'POST /api/v1/streams/{id}/unlock': {
    targets: LOCKED,
    rule: RULES.scoped,
    ok: 200,
    writes: true,
    effect: E.unlocked,
  },
  'PUT /api/v1/streams/{id}/tags': {
    targets: STREAMS,
    rule: RULES.scoped,
    body: (t) => ({ tags: [t.tagName] }),
    ok: 200,
    writes: true,
    effect: E.retagged,
  },
  'GET /api/v1/tags': reads(),
  'POST /api/v1/tags': {
    targets: NONE,
    rule: RULES.own,
    body: () => ({ name: fresh('matrix-tag') }),
    ok: 201,
    writes: true,
    effect: E.tagCreated,
  },
  'PATCH /api/v1/tags/{id}': {
    targets: TAGS,
    rule: RULES.scoped,
    body: () => ({ name: fresh('renamed') }),
    ok: 200,
    writes: true,
    effect: E.tagRenamed,
  },
  'DELETE /api/v1/tags/{id}': {
    targets: TAGS,
    rule: RULES.scoped,
    ok: 204,
    writes: true,
    effect: E.tagDeleted,
  },
  'GET /api/v1/webhooks': reads(),
  'POST /api/v1/webhooks': {
    targets: NONE,
    rule: RULES.own,
    body: () => ({ url: HOOK_URL(), eventTypes: ['member.joined'] }),
    ok: 201,
    writes: true,
    effect: E.webhookCreated,
  },
  'PATCH /api/v1/webhooks/{id}': {
    targets: ENDPOINTS,
    rule: RULES.scoped,
    body: () => ({ description: fresh('matrix') }),
    ok: 200,
    writes: true,
    effect: E.webhookUpdated,
  },
  'DELETE /api/v1/webhooks/{id}': {
    targets: ENDPOINTS,
    rule: RULES.scoped,
    ok: 204,
    writes: true,
    effect: E.webhookDeleted,
  },
  'POST /api/v1/playback-tokens': {
    targets: STREAMS,
    rule: RULES.scoped,
    body: (t) => ({ streams: [t.id] }),
    ok: 201,
    writes: true,
    effect: E.playbackWorks,
  },
};

// ---------------------------------------------------------------------------------
// Pages, and the other GET routes outside the API.

export interface PageSpec {
  targets: string[];
  expect: (c: Caller, t: Target) => string;
  /** Answers another organisation's name by design (an invitation names its inviter). */
  foreignOk?: boolean;
}

const dashboard =
  (permission: Parameters<typeof needs>[1], scopedTo = false): PageSpec['expect'] =>
  (c, t) =>
    pageGate(c) ?? needs(c, permission) ?? (scopedTo && t.org !== c.org ? 'not found' : 'ok');

/** The Overview shows the API key to those holding apikey:read only. */
const okWithKey = (c: Caller) => (has(c, 'apikey:read') ? 'ok with key' : 'ok');
const signedIn = (c: Caller) => c.session && !!c.org;

export const PAGES: Record<string, PageSpec> = {
  '/': {
    targets: NONE,
    expect: (c) => (signedIn(c) ? 'redirect /organisation' : 'redirect /sign-in'),
  },
  '/sign-in': { targets: NONE, expect: (c) => (signedIn(c) ? 'redirect /organisation' : 'ok') },
  '/sign-up': { targets: NONE, expect: (c) => (signedIn(c) ? 'redirect /organisation' : 'ok') },
  '/no-access': { targets: NONE, expect: () => 'ok' },
  '/forgot-password': { targets: NONE, expect: () => 'ok' },
  '/reset-password/[token]': { targets: ['unknown reset link'], expect: () => 'ok' },
  '/confirm-email/[token]': { targets: ['unknown confirmation link'], expect: () => 'ok' },
  '/api-reference': { targets: NONE, expect: () => 'ok' },
  '/account': { targets: NONE, expect: (c) => pageGate(c) ?? 'ok' },
  '/organisation': { targets: NONE, expect: (c) => pageGate(c) ?? okWithKey(c) },
  '/organisation/roles': { targets: NONE, expect: (c) => pageGate(c) ?? 'ok' },
  '/organisation/users': { targets: NONE, expect: dashboard('users:read') },
  '/organisation/users/invitations': { targets: NONE, expect: dashboard('users:invite') },
  '/organisation/users/[userId]': {
    targets: ['demo ReadOnly member', 'other-org member'],
    expect: dashboard('users:read', true),
  },
  '/organisation/access-review': { targets: NONE, expect: dashboard('users:read') },
  '/organisation/audit': { targets: NONE, expect: dashboard('audit:read') },
  '/organisation/audit/[eventId]': {
    targets: ['demo audit event', 'other-org audit event'],
    expect: dashboard('audit:read', true),
  },
  '/streams': { targets: NONE, expect: dashboard('streams:read') },
  '/organisation/webhooks': { targets: NONE, expect: dashboard('webhook:write') },
  '/organisation/webhooks/[endpointId]': {
    targets: ENDPOINTS,
    expect: dashboard('webhook:write', true),
  },
  '/invite/[token]': {
    targets: ['demo invitation link', 'unknown invitation link'],
    expect: () => 'ok',
    foreignOk: true,
  },
  'GET /organisation/users/export.csv': {
    targets: NONE,
    expect: (c) =>
      !c.session
        ? 'redirect /sign-in'
        : !c.org
          ? 'refused 401'
          : !hasAudience(c, 'dashboard') || !has(c, 'users:read')
            ? 'refused 403'
            : 'ok',
  },
  'GET /organisation/audit/export.csv': {
    targets: NONE,
    expect: (c) =>
      !c.session
        ? 'redirect /sign-in'
        : !c.org
          ? 'refused 401'
          : !hasAudience(c, 'dashboard') || !has(c, 'audit:read')
            ? 'refused 403'
            : 'ok',
  },
};
