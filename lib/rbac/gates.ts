import type { Audience, Permission } from './catalog';

// The first gate's table (docs/security.md, "Two gates"): what every server action and
// every REST endpoint requires of its caller. The middleware enforces it before any page
// or handler code runs, the action wrapper (lib/action.ts) again, and the services check
// the exact permission a third time against the target. Tests hold this table to the
// code: every exported server action and every route method has exactly one entry.

/**
 * Who may call a server action at all:
 * - `anyone`: signed out too (sign-in and sign-up forms);
 * - `account`: a live session, with or without a membership (answering an invitation);
 * - `member`: a member acting in the dashboard (the `dashboard` audience), holding
 *   `permission` when one is named.
 */
export type ActionGate =
  { caller: 'anyone' } | { caller: 'account' } | { caller: 'member'; permission?: Permission };

export const ACTION_GATES = {
  signInAction: { caller: 'anyone' },
  signUpAction: { caller: 'anyone' },
  requestPasswordResetAction: { caller: 'anyone' },
  resetPasswordAction: { caller: 'anyone' },
  confirmSignUpAction: { caller: 'anyone' },
  confirmEmailAction: { caller: 'anyone' },
  requestEmailVerificationAction: { caller: 'account' },
  changeEmailAction: { caller: 'account' },
  acceptInviteAction: { caller: 'account' },
  declineInviteAction: { caller: 'account' },
  revokeSessionAction: { caller: 'account' },
  signOutEverywhereAction: { caller: 'account' },
  issueTokenAction: { caller: 'member', permission: 'token:read' },
  rotateApiKeyAction: { caller: 'member', permission: 'apikey:read' },
  createWebhookAction: { caller: 'member', permission: 'webhook:write' },
  updateWebhookAction: { caller: 'member', permission: 'webhook:write' },
  rotateWebhookSecretAction: { caller: 'member', permission: 'webhook:write' },
  deleteWebhookAction: { caller: 'member', permission: 'webhook:write' },
  sendTestWebhookAction: { caller: 'member', permission: 'webhook:write' },
  redeliverWebhookAction: { caller: 'member', permission: 'webhook:write' },
  resetUserTokenAction: { caller: 'member', permission: 'users:reset-token' },
  deleteUserAction: { caller: 'member', permission: 'users:delete' },
  suspendUserAction: { caller: 'member', permission: 'users:suspend' },
  reactivateUserAction: { caller: 'member', permission: 'users:suspend' },
  bulkUpdatePermissionAction: { caller: 'member', permission: 'users:update' },
  bulkSuspendAction: { caller: 'member', permission: 'users:suspend' },
  bulkReactivateAction: { caller: 'member', permission: 'users:suspend' },
  bulkResetTokenAction: { caller: 'member', permission: 'users:reset-token' },
  bulkDeleteAction: { caller: 'member', permission: 'users:delete' },
  updatePermissionAction: { caller: 'member', permission: 'users:update' },
  inviteRoleChoicesAction: { caller: 'member', permission: 'users:invite' },
  createInvitationAction: { caller: 'member', permission: 'users:invite' },
  previewInvitationsAction: { caller: 'member', permission: 'users:invite' },
  createInvitationsAction: { caller: 'member', permission: 'users:invite' },
  revokeInvitationAction: { caller: 'member', permission: 'users:invite' },
  regenerateInvitationAction: { caller: 'member', permission: 'users:invite' },
  resendInvitationAction: { caller: 'member', permission: 'users:invite' },
  createRoleAction: { caller: 'member', permission: 'roles:manage' },
  updateRoleAction: { caller: 'member', permission: 'roles:manage' },
  deleteRoleAction: { caller: 'member', permission: 'roles:manage' },
  createStreamAction: { caller: 'member', permission: 'streams:create' },
  stopStreamAction: { caller: 'member', permission: 'streams:manage' },
  lockStreamAction: { caller: 'member', permission: 'streams:manage' },
  unlockStreamAction: { caller: 'member', permission: 'streams:manage' },
  deleteStreamAction: { caller: 'member', permission: 'streams:delete' },
  setStreamTagsAction: { caller: 'member', permission: 'tags:write' },
  createTagAction: { caller: 'member', permission: 'tags:write' },
  renameTagAction: { caller: 'member', permission: 'tags:write' },
  deleteTagAction: { caller: 'member', permission: 'tags:delete' },
} as const satisfies Record<string, ActionGate>;

export type ActionName = keyof typeof ACTION_GATES;

export function actionGate(name: string): ActionGate | undefined {
  return Object.hasOwn(ACTION_GATES, name) ? ACTION_GATES[name as ActionName] : undefined;
}

/**
 * REST endpoints, `METHOD /path` with `{id}` for a path parameter. `public` endpoints
 * authenticate by their body (a password, a signed token); every other one needs a bintu
 * token or the API key, the `api` audience, and `permission` when one is named.
 */
export type ApiGate =
  { caller: 'public' } | { caller: 'api'; permission?: Permission; audience?: Audience };

export const API_GATES = {
  'GET /api/v1/openapi.json': { caller: 'public' },
  'POST /api/v1/auth/token': { caller: 'public' },
  'POST /api/v1/playback-tokens/verify': { caller: 'public' },
  'GET /api/v1/me': { caller: 'api' },
  'GET /api/v1/users': { caller: 'api', permission: 'users:read' },
  'GET /api/v1/users/{id}': { caller: 'api', permission: 'users:read' },
  'PATCH /api/v1/users/{id}': { caller: 'api', permission: 'users:update' },
  'DELETE /api/v1/users/{id}': { caller: 'api', permission: 'users:delete' },
  'POST /api/v1/users/{id}/reset-token': { caller: 'api', permission: 'users:reset-token' },
  'POST /api/v1/users/{id}/suspend': { caller: 'api', permission: 'users:suspend' },
  'POST /api/v1/users/{id}/reactivate': { caller: 'api', permission: 'users:suspend' },
  // And each action's own permission, checked by the service (lib/services/bulk-members.ts).
  'POST /api/v1/users/bulk': { caller: 'api', permission: 'users:read' },
  'GET /api/v1/invitations': { caller: 'api', permission: 'users:invite' },
  'POST /api/v1/invitations': { caller: 'api', permission: 'users:invite' },
  'GET /api/v1/roles': { caller: 'api' },
  'GET /api/v1/organisation/api-key': { caller: 'api', permission: 'apikey:read' },
  'POST /api/v1/organisation/api-key/rotate': { caller: 'api', permission: 'apikey:read' },
  'GET /api/v1/audit': { caller: 'api', permission: 'audit:read' },
  'GET /api/v1/streams': { caller: 'api', permission: 'streams:read' },
  'POST /api/v1/streams': { caller: 'api', permission: 'streams:create' },
  'GET /api/v1/streams/{id}': { caller: 'api', permission: 'streams:read' },
  'DELETE /api/v1/streams/{id}': { caller: 'api', permission: 'streams:delete' },
  'POST /api/v1/streams/{id}/stop': { caller: 'api', permission: 'streams:manage' },
  'POST /api/v1/streams/{id}/lock': { caller: 'api', permission: 'streams:manage' },
  'POST /api/v1/streams/{id}/unlock': { caller: 'api', permission: 'streams:manage' },
  'PUT /api/v1/streams/{id}/tags': { caller: 'api', permission: 'tags:write' },
  'GET /api/v1/tags': { caller: 'api', permission: 'tags:read' },
  'POST /api/v1/tags': { caller: 'api', permission: 'tags:write' },
  'PATCH /api/v1/tags/{id}': { caller: 'api', permission: 'tags:write' },
  'DELETE /api/v1/tags/{id}': { caller: 'api', permission: 'tags:delete' },
  'GET /api/v1/webhooks': { caller: 'api', permission: 'webhook:write' },
  'POST /api/v1/webhooks': { caller: 'api', permission: 'webhook:write' },
  'PATCH /api/v1/webhooks/{id}': { caller: 'api', permission: 'webhook:write' },
  'DELETE /api/v1/webhooks/{id}': { caller: 'api', permission: 'webhook:write' },
  'POST /api/v1/playback-tokens': {
    caller: 'api',
    permission: 'playback-tokens:create',
    audience: 'playback',
  },
} as const satisfies Record<string, ApiGate>;

const API_PATTERNS = Object.entries(API_GATES as Record<string, ApiGate>).map(([key, gate]) => {
  const [method, path] = key.split(' ') as [string, string];
  const re = new RegExp(`^${path.replace(/\{id\}/g, '[^/]+').replace(/\./g, '\\.')}/?$`);
  return { method, path, re, gate, exact: !path.includes('{') };
});

/**
 * The patterns naming `pathname`: a path written out (`/users/bulk`) before one with an
 * id in its place (`/users/{id}`), as the router matches them.
 */
function patternsOf(pathname: string) {
  const matching = API_PATTERNS.filter((p) => p.re.test(pathname));
  return matching.some((p) => p.exact) ? matching.filter((p) => p.exact) : matching;
}

/** The gate of `method path`: undefined for a route or method that does not exist. */
export function apiGate(method: string, pathname: string): ApiGate | undefined {
  return patternsOf(pathname).find((p) => p.method === method)?.gate;
}

/** Whether some method exists at `pathname` (405 rather than 404 for the others). */
export function apiPathExists(pathname: string): boolean {
  return patternsOf(pathname).length > 0;
}
