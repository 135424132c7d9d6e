import { z } from 'zod';
import { auditEvents, STREAM_STATES } from '@/db/schema';
import { ALL_AUDIENCES, ALL_PERMISSIONS } from '@/lib/rbac/catalog';
import { BULK_MEMBER_ACTIONS } from '@/lib/validation/members';

// What /api/v1 answers, as zod schemas: the handlers' bodies are typed by them and encoded
// through them (lib/api/handler.ts), and the OpenAPI document's components are generated
// from them (lib/api/openapi.ts). `id` in `.meta()` names the component.

/** A time: a Date in the code, ISO 8601 in UTC on the wire. */
const timestamp = z.codec(z.iso.datetime(), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});
const uuid = z.uuid();
const count = z.number().int().min(0);

export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
  'rate_limited',
  'internal',
] as const;

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Field name to what is wrong with it.' }),
      requestId: z.string().optional().meta({ description: 'On a 500: name it when reporting.' }),
    }),
  })
  .meta({ id: 'Error' });

const Permissions = z.array(z.enum(ALL_PERMISSIONS));
const Audiences = z.array(z.enum(ALL_AUDIENCES));
const roleKey = z
  .enum(['admin', 'user', 'readonly'])
  .nullable()
  .meta({ description: 'The default role it is, or null for a custom role.' });

export const RoleRef = z
  .object({ id: uuid, key: roleKey, name: z.string() })
  .meta({ id: 'RoleRef' });

const roleFields = {
  id: uuid,
  key: roleKey,
  name: z.string(),
  description: z.string(),
  permissions: Permissions,
  audiences: Audiences,
};

export const User = z
  .object({
    id: uuid,
    email: z.string(),
    tokenKey: z.string().meta({ description: 'Identifies the user’s current API tokens.' }),
    createdAt: timestamp,
    suspendedAt: timestamp
      .nullable()
      .meta({ description: 'Since when the user is suspended (no access); null when active.' }),
    role: RoleRef,
  })
  .meta({ id: 'User' });

export const UserDetail = z
  .object({
    id: uuid,
    email: z.string(),
    tokenKey: z.string(),
    createdAt: timestamp,
    suspendedAt: timestamp.nullable(),
    suspensionReason: z
      .string()
      .nullable()
      .meta({ description: 'Why the user was suspended, when an admin said.' }),
    isSelf: z.boolean().meta({ description: 'The caller is this user.' }),
    role: z.object(roleFields),
  })
  .meta({ id: 'UserDetail' });

export const BulkResult = z
  .object({
    action: z.enum(BULK_MEMBER_ACTIONS),
    results: z.array(
      z.object({
        id: uuid,
        email: z.string().nullable().meta({ description: 'Null for an id of no member.' }),
        ok: z.boolean().meta({ description: 'Changed; false: refused, with the reason.' }),
        code: z
          .enum(['forbidden', 'not_found', 'conflict'])
          .optional()
          .meta({ description: 'Why a refused row was refused, as the one-user call answers.' }),
        reason: z.string().optional(),
      }),
    ),
    succeeded: count,
    refused: count,
    next: z
      .string()
      .nullable()
      .meta({ description: 'Users matching `filter` not yet seen: pass as `after`.' }),
  })
  .meta({ id: 'BulkResult' });

export const UserPage = z
  .object({
    data: z.array(User),
    total: count.meta({ description: 'Members matching; a search counts up to 1,000.' }),
    totalCapped: z.boolean().meta({ description: 'More match than `total` says.' }),
    next: z.string().nullable().meta({ description: 'Pass as `after` for the next page.' }),
    prev: z.string().nullable().meta({ description: 'Pass as `before` for the page before.' }),
  })
  .meta({ id: 'UserPage' });

export const RoleDetail = z
  .object({ ...roleFields, memberCount: count, isDefault: z.boolean() })
  .meta({ id: 'RoleDetail' });

export const Stream = z
  .object({
    id: uuid,
    name: z.string(),
    state: z.enum(STREAM_STATES),
    tags: z.array(z.string()),
    creator: z.string().meta({ description: 'The creating member’s email, or "API key".' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    endedAt: timestamp.nullable(),
  })
  .meta({ id: 'Stream' });

export const Tag = z
  .object({
    id: uuid,
    name: z.string(),
    streamCount: count.meta({ description: 'Streams carrying the tag.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Tag' });

export const Invitation = z
  .object({
    id: uuid,
    email: z.string().nullable().meta({ description: 'Only this address can accept.' }),
    roleName: z.string(),
    inviterEmail: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp,
    status: z.enum(['pending', 'accepted', 'declined', 'expired', 'revoked']),
  })
  .meta({ id: 'Invitation' });

export const AuditEvent = z
  .object({
    id: z.number().int().min(1),
    createdAt: timestamp,
    actorType: z.enum(auditEvents.actorType.enumValues),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

/** A page of a list that pages by one cursor (`next`, null on the last page). */
function page<T extends z.ZodType>(id: string, item: T, next: string) {
  return z
    .object({ data: z.array(item), next: z.string().nullable().meta({ description: next }) })
    .meta({ id });
}

export const RolePage = page('RolePage', RoleDetail, 'Always null: every role is listed.');
export const StreamPage = page('StreamPage', Stream, 'Pass as `cursor` for the next page.');
export const TagPage = page('TagPage', Tag, 'Always null: every tag is listed.');
export const InvitationPage = page(
  'InvitationPage',
  Invitation,
  'Pass as `before` for the next page.',
);
export const AuditPage = page('AuditPage', AuditEvent, 'Pass as `before` for the next page.');

const nameOf = z.object({ id: uuid, name: z.string() });

export const Me = z
  .object({
    kind: z.enum(['member', 'api_key']),
    account: z.object({ id: uuid, email: z.string() }).nullable(),
    membershipId: uuid.nullable(),
    organisation: nameOf,
    role: nameOf,
    tokenKey: z.string().nullable(),
    permissions: Permissions,
    audiences: Audiences,
  })
  .meta({ id: 'Me' });

export const BintuToken = z
  .object({ token: z.string(), expiresAt: timestamp, organisation: nameOf })
  .meta({ id: 'BintuToken' });

export const InviteLink = z
  .object({
    id: uuid,
    url: z.string().meta({ description: 'The invite link: shown once, never stored.' }),
    expiresAt: timestamp,
  })
  .meta({ id: 'InviteLink' });

export const ApiKey = z.object({ apiKey: z.string() }).meta({ id: 'ApiKey' });

export const PlaybackTarget = z
  .union([
    z.object({ streams: z.array(uuid) }),
    z.object({ tag: z.string() }),
    z.object({ orgwide: z.literal(true) }),
  ])
  .meta({
    id: 'PlaybackTarget',
    description: 'Stream ids, a tag name, or the whole organisation.',
  });

const claimFields = {
  jti: z.string(),
  org: uuid,
  sub: z.string().meta({ description: 'The issuing account id, or `api-key`.' }),
  target: PlaybackTarget,
  iat: z.number().int(),
  nbf: z.number().int().optional(),
  exp: z.number().int(),
};

export const PlaybackClaims = z.object(claimFields).meta({ id: 'PlaybackClaims' });

export const PlaybackToken = z
  .object({ id: z.string(), token: z.string(), expiresAt: timestamp, ...claimFields })
  .meta({ id: 'PlaybackToken' });

export const PlaybackVerdict = z
  .object({ valid: z.literal(true), claims: PlaybackClaims })
  .meta({ id: 'PlaybackVerdict' });

export const OpenApiDocument = z
  .looseObject({ openapi: z.string() })
  .meta({ id: 'OpenApiDocument', description: 'This document, OpenAPI 3.1.' });

export const WebhookEndpoint = z
  .object({
    id: uuid,
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()).meta({ description: 'Event types, or `audit.*`.' }),
    enabled: z.boolean(),
    disabledReason: z
      .enum(['failing'])
      .nullable()
      .meta({ description: '`failing` when disabled after a day of failed deliveries.' }),
    failingSince: timestamp
      .nullable()
      .meta({ description: 'Since when every delivery failed; null when well.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });

export const WebhookEndpointPage = page(
  'WebhookEndpointPage',
  WebhookEndpoint,
  'Always null: every endpoint is listed.',
);

export const WebhookEndpointCreated = z
  .object({
    endpoint: WebhookEndpoint,
    secret: z
      .string()
      .meta({ description: 'The signing secret (`whsec_…`): shown once, never again.' }),
  })
  .meta({ id: 'WebhookEndpointCreated' });
