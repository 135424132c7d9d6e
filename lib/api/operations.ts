import type { z } from 'zod';
import type { API_GATES } from '@/lib/rbac/gates';
import { auditQuerySchema } from '@/lib/validation/audit';
import { createInvitationSchema, invitationListQuerySchema } from '@/lib/validation/invitations';
import {
  bulkMemberSchema,
  memberListQuerySchema,
  updateMemberRoleSchema,
  suspendMemberSchema,
} from '@/lib/validation/members';
import {
  createStreamSchema,
  createTagSchema,
  renameTagSchema,
  setStreamTagsSchema,
  streamListQuerySchema,
} from '@/lib/validation/streams';
import { createWebhookSchema, updateWebhookSchema } from '@/lib/validation/webhooks';
import {
  passwordTokenSchema,
  playbackTokenSchema,
  verifyPlaybackSchema,
} from '@/lib/validation/tokens';
import * as S from './schemas';

// The one table of /api/v1: every operation with the schemas of its query, body and
// answer. The OpenAPI document is generated from it (lib/api/openapi.ts), each handler is
// typed by its row (lib/api/handler.ts), and it has exactly the routes of the first gate
// (lib/rbac/gates.ts), whose permissions and audiences the document states. A route
// outside this table cannot be written: `apiRoute` takes one of its keys. Request
// schemas are the ones the services parse with, less the path's id.

export type ApiRoute = keyof typeof API_GATES;

export interface Operation {
  /** A name for generated clients: `listUsers`, `updateUser`. */
  operationId: string;
  summary: string;
  description?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status; 204 has no body, every other one `response`. */
  status: 200 | 201 | 204;
  response?: z.ZodType;
  /**
   * Refusals beyond the ones every operation of its kind has (401, 403 and 429 when
   * authenticated; 404 with a path id; 422 with a query or body; 500): a 409, or a
   * public operation's 401 and 403.
   */
  errors?: readonly (401 | 403 | 409)[];
  /** A public operation counted against a rate limit (429). */
  rateLimited?: boolean;
}

export const API_OPERATIONS = {
  'GET /api/v1/openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    status: 200,
    response: S.OpenApiDocument,
  },
  'POST /api/v1/auth/token': {
    operationId: 'createBintuToken',
    summary: 'Get a bintu token with email and password',
    description:
      'Valid for 24 hours. 403 when the account’s role in the organisation lacks the `api` audience.',
    body: passwordTokenSchema,
    status: 201,
    response: S.BintuToken,
    errors: [401, 403],
    rateLimited: true,
  },
  'POST /api/v1/playback-tokens/verify': {
    operationId: 'verifyPlaybackToken',
    summary: 'Verify a playback token (signature and times only; no database lookup)',
    description: 'A token that does not verify is 401; a body without one is 422.',
    body: verifyPlaybackSchema,
    status: 200,
    response: S.PlaybackVerdict,
    errors: [401],
    rateLimited: true,
  },
  'GET /api/v1/me': {
    operationId: 'getMe',
    summary: 'Who is calling: organisation, role, permissions, audiences',
    status: 200,
    response: S.Me,
  },
  'GET /api/v1/users': {
    operationId: 'listUsers',
    summary: 'List users (filter, search, sort, page)',
    description:
      'Pages by cursor: pass `next` as `after` or `prev` as `before`; `last=1` gives the last page. `total` counts a search up to 1,000 (`totalCapped` when more match).',
    query: memberListQuerySchema.omit({ from: true }),
    status: 200,
    response: S.UserPage,
  },
  'GET /api/v1/users/{id}': {
    operationId: 'getUser',
    summary: 'Get a user',
    status: 200,
    response: S.UserDetail,
  },
  'PATCH /api/v1/users/{id}': {
    operationId: 'updateUser',
    summary: 'Change the role (replaces the Token Key)',
    body: updateMemberRoleSchema.omit({ membershipId: true }),
    status: 200,
    response: S.UserDetail,
    errors: [409],
  },
  'DELETE /api/v1/users/{id}': {
    operationId: 'deleteUser',
    summary: 'Remove the user from the organisation',
    status: 204,
    errors: [409],
  },
  'POST /api/v1/users/{id}/reset-token': {
    operationId: 'resetUserToken',
    summary: 'Reset the user’s token (new Token Key)',
    status: 200,
    response: S.UserDetail,
  },
  'POST /api/v1/users/{id}/suspend': {
    operationId: 'suspendUser',
    summary: 'Suspend the user (no access, role kept)',
    description:
      'The user loses access on their next request: dashboard, REST API (their bintu tokens are refused), new playback tokens. Playback tokens already issued stay valid until they expire. The last active admin cannot be suspended, nor can you suspend yourself.',
    body: suspendMemberSchema.omit({ membershipId: true }),
    status: 200,
    response: S.UserDetail,
    errors: [409],
  },
  'POST /api/v1/users/{id}/reactivate': {
    operationId: 'reactivateUser',
    summary: 'Reactivate a suspended user',
    status: 200,
    response: S.UserDetail,
    errors: [409],
  },
  'POST /api/v1/users/bulk': {
    operationId: 'bulkUpdateUsers',
    summary: 'Change many users at once: role, suspend, reactivate, reset token, remove',
    description:
      'The users are named in `members` (at most 1,000), or are every user matching `filter` (the user list’s search, role and status; needs `users:read`). Each action needs the permission of its one-user counterpart: `change_role` users:update (with `roleId`), `suspend` and `reactivate` users:suspend (`reason` for a suspension), `reset_token` users:reset-token, `remove` users:delete. Each user is checked, changed and audited as if alone; one the caller may not change is a refused row in `results` with its reason (not a member of the organisation, a role above the caller’s, already suspended, the last active admin), and the others are changed. A `filter` is worked through 5,000 users per call, newest first: while `next` is not null, call again with it as `after`.',
    body: bulkMemberSchema,
    status: 200,
    response: S.BulkResult,
  },
  'GET /api/v1/invitations': {
    operationId: 'listInvitations',
    summary: 'List invitations, newest first',
    description: 'Pages by cursor: pass `next` as `before`.',
    query: invitationListQuerySchema,
    status: 200,
    response: S.InvitationPage,
  },
  'POST /api/v1/invitations': {
    operationId: 'createInvitation',
    summary: 'Create an invite link (shown once)',
    description:
      'With `email`, only that address can accept, and the link is also mailed to it (at most 5 invitation mails per address and organisation an hour: 429 beyond).',
    body: createInvitationSchema,
    status: 201,
    response: S.InviteLink,
  },
  'GET /api/v1/roles': {
    operationId: 'listRoles',
    summary: 'List roles with member counts',
    status: 200,
    response: S.RolePage,
  },
  'GET /api/v1/organisation/api-key': {
    operationId: 'getApiKey',
    summary: 'The organisation API key',
    status: 200,
    response: S.ApiKey,
  },
  'POST /api/v1/organisation/api-key/rotate': {
    operationId: 'rotateApiKey',
    summary: 'Rotate the API key (the old one stops at once)',
    status: 201,
    response: S.ApiKey,
  },
  'GET /api/v1/audit': {
    operationId: 'listAuditEvents',
    summary: 'Audit events, newest first',
    description: 'Pages by cursor: pass `next` as `before`.',
    query: auditQuerySchema,
    status: 200,
    response: S.AuditPage,
  },
  'GET /api/v1/streams': {
    operationId: 'listStreams',
    summary: 'List streams, newest first',
    description: 'Pages by cursor: pass `next` as `cursor`.',
    query: streamListQuerySchema,
    status: 200,
    response: S.StreamPage,
  },
  'POST /api/v1/streams': {
    operationId: 'createStream',
    summary: 'Create a stream',
    body: createStreamSchema,
    status: 201,
    response: S.Stream,
  },
  'GET /api/v1/streams/{id}': {
    operationId: 'getStream',
    summary: 'Get a stream',
    status: 200,
    response: S.Stream,
  },
  'DELETE /api/v1/streams/{id}': {
    operationId: 'deleteStream',
    summary: 'Delete a stream',
    status: 204,
    errors: [409],
  },
  'POST /api/v1/streams/{id}/stop': {
    operationId: 'stopStream',
    summary: 'Stop a stream',
    status: 200,
    response: S.Stream,
    errors: [409],
  },
  'POST /api/v1/streams/{id}/lock': {
    operationId: 'lockStream',
    summary: 'Lock a stream',
    status: 200,
    response: S.Stream,
    errors: [409],
  },
  'POST /api/v1/streams/{id}/unlock': {
    operationId: 'unlockStream',
    summary: 'Unlock a stream',
    status: 200,
    response: S.Stream,
    errors: [409],
  },
  'PUT /api/v1/streams/{id}/tags': {
    operationId: 'setStreamTags',
    summary: 'Replace a stream’s tags (an empty list removes them all)',
    body: setStreamTagsSchema.omit({ streamId: true }),
    status: 200,
    response: S.Stream,
    errors: [409],
  },
  'GET /api/v1/tags': {
    operationId: 'listTags',
    summary: 'List tags',
    status: 200,
    response: S.TagPage,
  },
  'POST /api/v1/tags': {
    operationId: 'createTag',
    summary: 'Create a tag',
    body: createTagSchema,
    status: 201,
    response: S.Tag,
    errors: [409],
  },
  'PATCH /api/v1/tags/{id}': {
    operationId: 'renameTag',
    summary: 'Rename a tag',
    body: renameTagSchema.omit({ tagId: true }),
    status: 200,
    response: S.Tag,
    errors: [409],
  },
  'DELETE /api/v1/tags/{id}': {
    operationId: 'deleteTag',
    summary: 'Delete a tag',
    status: 204,
  },
  'GET /api/v1/webhooks': {
    operationId: 'listWebhookEndpoints',
    summary: 'List webhook endpoints',
    status: 200,
    response: S.WebhookEndpointPage,
  },
  'POST /api/v1/webhooks': {
    operationId: 'createWebhookEndpoint',
    summary: 'Add a webhook endpoint (its signing secret is shown once)',
    description:
      'Events are signed per the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The URL must be https and reach a public address.',
    body: createWebhookSchema,
    status: 201,
    response: S.WebhookEndpointCreated,
    errors: [409],
  },
  'PATCH /api/v1/webhooks/{id}': {
    operationId: 'updateWebhookEndpoint',
    summary: 'Change a webhook endpoint’s URL, description, events or enabled state',
    body: updateWebhookSchema.omit({ endpointId: true }),
    status: 200,
    response: S.WebhookEndpoint,
    errors: [409],
  },
  'DELETE /api/v1/webhooks/{id}': {
    operationId: 'deleteWebhookEndpoint',
    summary: 'Delete a webhook endpoint and its delivery log',
    status: 204,
  },
  'POST /api/v1/playback-tokens': {
    operationId: 'createPlaybackToken',
    summary: 'Create a playback token (JWT)',
    body: playbackTokenSchema,
    status: 201,
    response: S.PlaybackToken,
  },
} as const satisfies Record<ApiRoute, Operation>;

type Row<R extends ApiRoute> = (typeof API_OPERATIONS)[R];

/** What a handler of `R` answers on success, as the code holds it (Dates, not text). */
export type ApiBody<R extends ApiRoute> =
  Row<R> extends { response: infer S extends z.ZodType } ? z.output<S> : null;
