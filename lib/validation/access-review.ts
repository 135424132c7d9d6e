import { z } from 'zod';
import { cursorParam } from './paging';

/** The access review's choices of "not active for N days"; 90 by default. */
export const INACTIVE_DAYS = [30, 90, 180] as const;
export type InactiveDays = (typeof INACTIVE_DAYS)[number];
export const DEFAULT_INACTIVE_DAYS: InactiveDays = 90;

/** A bintu token unused this long (or never used) is listed for review. */
export const UNUSED_TOKEN_DAYS = 30;

/**
 * The access review's URL: ?days= (30, 90 or 180), ?after= (the keyset cursor of the
 * inactive members' Next link) and ?from= (the row number it starts at, for "Showing
 * 51–100" only). Anything unreadable falls back to its default, as on the user list.
 */
export const accessReviewQuerySchema = z.object({
  days: z.coerce
    .number()
    .refine((n): n is InactiveDays => (INACTIVE_DAYS as readonly number[]).includes(n))
    .default(DEFAULT_INACTIVE_DAYS)
    .catch(DEFAULT_INACTIVE_DAYS),
  after: cursorParam,
  from: z.coerce.number().int().min(1).max(100_000_000).optional().catch(undefined),
});
export type AccessReviewQuery = z.output<typeof accessReviewQuerySchema>;
