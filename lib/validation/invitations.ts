import { z } from 'zod';
import { INVITE_TOKEN_PATTERN } from '@/lib/credentials';
import { emailField } from './auth';
import { cursorParam } from './paging';
import { lineText } from './text';

export const INVITE_LIFETIME = { min: 1, max: 30, default: 7 } as const;

export const createInvitationSchema = z.object({
  roleId: z.uuid({ error: 'Choose a role.' }),
  email: lineText({ max: 254, tooLong: 'That email address is too long.' })
    .optional()
    .transform((v) => v || undefined)
    .pipe(emailField.optional())
    .meta({ format: 'email', description: 'Only this address can accept.' }),
  lifetimeDays: z
    .preprocess(
      (v) => (v === '' || v === null ? INVITE_LIFETIME.default : v),
      z.coerce
        .number({ error: 'Enter a number of days.' })
        .int('Enter a whole number of days.')
        .min(
          INVITE_LIFETIME.min,
          `Choose from ${INVITE_LIFETIME.min} to ${INVITE_LIFETIME.max} days.`,
        )
        .max(
          INVITE_LIFETIME.max,
          `Choose from ${INVITE_LIFETIME.min} to ${INVITE_LIFETIME.max} days.`,
        ),
    )
    .default(INVITE_LIFETIME.default),
});

export const invitationIdSchema = z.object({
  invitationId: z.uuid({ error: 'Unknown invitation.' }),
});

/** Tokens are 43 URL-safe characters (lib/credentials.ts); anything else cannot be one. */
export const inviteTokenSchema = z.string().regex(INVITE_TOKEN_PATTERN);

/** Invitations per page of the list, newest first. */
export const INVITATION_PAGE_SIZE = { default: 50, max: 100 } as const;

/** The invitation list's query (?before=&size=): newest first, `before` a `next` cursor. */
export const invitationListQuerySchema = z.object({
  before: cursorParam,
  size: z.coerce
    .number()
    .int()
    .min(1)
    .max(INVITATION_PAGE_SIZE.max)
    .default(INVITATION_PAGE_SIZE.default)
    .catch(INVITATION_PAGE_SIZE.default),
});
