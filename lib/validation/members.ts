import { z } from 'zod';
import { cursorParam } from './paging';
import { lineText } from './text';

export const PAGE_SIZES = [25, 50, 100] as const;
export const MEMBER_SORTS = ['created', 'email', 'role'] as const;
export const MEMBER_STATUSES = ['active', 'suspended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type MemberSort = (typeof MEMBER_SORTS)[number];

const uuid = z.uuid();

/** Totals of a search are counted up to this many, then shown as "1,000+". */
export const SEARCH_COUNT_CAP = 1000;

/**
 * The user list's URL: ?q=&role=&status=&sort=&dir=&size= and one of ?after= / ?before= (keyset
 * cursors from the Next and Previous links, docs/performance.md) or ?last=1. `from` is
 * the row number the link's page starts at, for "Showing 26–50" only: it selects nothing.
 * Anything unreadable falls back to its default instead of failing, since people edit
 * URLs by hand: a search with a control character is dropped (the REST API refuses it
 * first, see lib/api/query.ts).
 */
export const memberListQuerySchema = z.object({
  q: lineText({ max: 254 })
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined)
    .meta({ description: 'Part of the email, any case.' }),
  role: uuid.optional().catch(undefined).meta({ description: 'A role id.' }),
  status: z
    .enum(MEMBER_STATUSES)
    .optional()
    .catch(undefined)
    .meta({ description: 'Only active or only suspended members; all by default.' }),
  sort: z.enum(MEMBER_SORTS).default('created').catch('created'),
  dir: z
    .enum(['asc', 'desc'])
    .optional()
    .catch(undefined)
    .meta({ description: 'Newest first by default; A to Z by email and role.' }),
  size: z.coerce
    .number()
    .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n))
    .meta({ type: 'integer', enum: [...PAGE_SIZES] })
    .default(25)
    .catch(25),
  after: cursorParam.meta({ description: 'The `next` of a page: the page after it.' }),
  before: cursorParam.meta({ description: 'The `prev` of a page: the page before it.' }),
  last: z
    .literal('1')
    .optional()
    .catch(undefined)
    .transform((v) => v === '1')
    .meta({ description: '`1` for the last page.' }),
  from: z.coerce.number().int().min(1).max(100_000_000).optional().catch(undefined),
});
export type MemberListQuery = z.output<typeof memberListQuerySchema>;

export const membershipIdSchema = z.uuid({ error: 'Unknown user.' });

export const memberTargetSchema = z.object({ membershipId: membershipIdSchema });

export const updateMemberRoleSchema = z.object({
  membershipId: membershipIdSchema,
  roleId: z.uuid({ error: 'Choose a role.' }),
});

/** Suspend: the member, and an optional reason (the admins' note, in the audit log). */
export const suspendMemberSchema = z.object({
  membershipId: membershipIdSchema,
  reason: lineText({ max: 500, tooLong: 'Keep the reason under 500 characters.' })
    .optional()
    .transform((v) => v || undefined),
});

/** What a bulk change does to each member (docs/product.md, "Bulk actions"). */
export const BULK_MEMBER_ACTIONS = [
  'change_role',
  'suspend',
  'reactivate',
  'reset_token',
  'remove',
] as const;
export type BulkMemberAction = (typeof BULK_MEMBER_ACTIONS)[number];

/** Members named one by one in a bulk change: the rows selected on a page, say. */
export const BULK_MAX_MEMBERS = 1000;

/**
 * A bulk change: the members, by id or as every member matching the user list's filter
 * and search, and what to do. Work on "all matching" goes in chunks: `after` is the
 * `next` of the previous chunk's answer.
 */
const unknownField = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? 'This field is not known here.' : undefined,
};

export const bulkMemberSchema = z
  .strictObject(
    {
      action: z.enum(BULK_MEMBER_ACTIONS, { error: 'Choose what to do with the members.' }),
      roleId: z.uuid({ error: 'Choose a role.' }).optional(),
      reason: lineText({ max: 500, tooLong: 'Keep the reason under 500 characters.' })
        .optional()
        .transform((v) => v || undefined),
      members: z
        .array(membershipIdSchema)
        .min(1, { error: 'Select at least one member.' })
        .max(BULK_MAX_MEMBERS, {
          error: `Select at most ${BULK_MAX_MEMBERS} members, or every member matching a filter.`,
        })
        .optional(),
      filter: z
        .strictObject(
          {
            q: lineText({ max: 254 })
              .optional()
              .transform((v) => v || undefined),
            role: z.uuid({ error: 'Unknown role.' }).optional(),
            status: z.enum(MEMBER_STATUSES).optional(),
          },
          unknownField,
        )
        .optional(),
      after: z
        .string()
        .max(1000)
        .regex(/^[A-Za-z0-9_-]+$/, { error: 'This is not the `next` of an earlier answer.' })
        .optional(),
    },
    unknownField,
  )
  .superRefine((v, ctx) => {
    if (!v.members === !v.filter)
      ctx.addIssue({
        code: 'custom',
        path: ['members'],
        message: 'Select members, or every member matching a filter.',
      });
    if (v.action === 'change_role' && !v.roleId)
      ctx.addIssue({ code: 'custom', path: ['roleId'], message: 'Choose a role.' });
    if (v.action !== 'change_role' && v.roleId)
      ctx.addIssue({
        code: 'custom',
        path: ['roleId'],
        message: 'Only a role change takes a role.',
      });
    if (v.action !== 'suspend' && v.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Only a suspension takes a reason.',
      });
  });
export type BulkMemberInput = z.output<typeof bulkMemberSchema>;
