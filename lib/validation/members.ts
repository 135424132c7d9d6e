import { z } from 'zod';
import { lineText } from './text';

export const PAGE_SIZES = [25, 50, 100] as const;
export const MEMBER_SORTS = ['created', 'email', 'role'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const uuid = z.uuid();

/**
 * The user list's URL: ?q=&role=&sort=&dir=&size=&page=. Anything unreadable falls back
 * to its default instead of failing, since people edit URLs by hand: a search with a
 * control character is dropped (the REST API refuses it first, see lib/api/query.ts).
 */
export const memberListQuerySchema = z.object({
  q: lineText({ max: 254 })
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  role: uuid.optional().catch(undefined),
  sort: z.enum(MEMBER_SORTS).default('created').catch('created'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n))
    .default(25)
    .catch(25),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});
export type MemberListQuery = z.output<typeof memberListQuerySchema>;

export const membershipIdSchema = z.uuid({ error: 'Unknown user.' });

export const memberTargetSchema = z.object({ membershipId: membershipIdSchema });

export const updateMemberRoleSchema = z.object({
  membershipId: membershipIdSchema,
  roleId: z.uuid({ error: 'Choose a role.' }),
});
