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
