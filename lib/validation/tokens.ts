import { z } from 'zod';
import { emailField } from './auth';
import { TAG_NAME_MAX } from './stream-limits';
import { lineText } from './text';

export const BINTU_TOKEN_TTL_SECONDS = 24 * 3600;

export const passwordTokenSchema = z.object({
  email: emailField,
  password: lineText({ min: 1, max: 200, trim: false, required: 'Enter your password.' }),
  /** Organisation id or slug; needed only for accounts in several organisations. */
  organisation: lineText({ max: 100 })
    .optional()
    .meta({ description: 'Id or slug, for accounts in several organisations.' }),
});

export const PLAYBACK_TTL = { default: 14 * 24 * 3600, max: 365 * 24 * 3600 } as const;

export const playbackTokenSchema = z
  .object({
    streams: z
      .array(z.uuid({ error: 'Stream ids are UUIDs.' }))
      .min(1)
      .max(100)
      .optional(),
    tag: lineText({ min: 1, max: TAG_NAME_MAX, required: 'Name a tag.' }).optional(),
    orgwide: z.literal(true).optional(),
    expiresIn: z
      .number({ error: 'expiresIn is a number of seconds.' })
      .int()
      .min(60, 'At least 60 seconds.')
      .max(PLAYBACK_TTL.max, 'At most 365 days.')
      .default(PLAYBACK_TTL.default)
      .meta({ description: 'Seconds.' }),
    notBefore: z.number().int().min(0).optional().meta({ description: 'Unix time.' }),
  })
  .refine((v) => [v.streams, v.tag, v.orgwide].filter((x) => x !== undefined).length === 1, {
    message: 'Give exactly one target: streams, tag or orgwide.',
    path: ['target'],
  })
  .meta({ description: 'Exactly one target: `streams`, `tag` or `orgwide`.' });

export const verifyPlaybackSchema = z.object({
  token: lineText({ min: 10, max: 4096, trim: false, required: 'Give the token.' }),
});
