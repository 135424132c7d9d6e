import { z } from 'zod';
import { emailField } from './auth';

export const BINTU_TOKEN_TTL_SECONDS = 24 * 3600;

export const passwordTokenSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password.').max(200),
  /** Organisation id or slug; needed only for accounts in several organisations. */
  organisation: z.string().trim().max(100).optional(),
});

export const PLAYBACK_TTL = { default: 14 * 24 * 3600, max: 365 * 24 * 3600 } as const;

export const playbackTokenSchema = z
  .object({
    streams: z
      .array(z.uuid({ error: 'Stream ids are UUIDs.' }))
      .min(1)
      .max(100)
      .optional(),
    tag: z.string().trim().min(1).max(40).optional(),
    orgwide: z.literal(true).optional(),
    expiresIn: z
      .number({ error: 'expiresIn is a number of seconds.' })
      .int()
      .min(60, 'At least 60 seconds.')
      .max(PLAYBACK_TTL.max, 'At most 365 days.')
      .default(PLAYBACK_TTL.default),
    notBefore: z.number().int().min(0).optional(),
  })
  .refine((v) => [v.streams, v.tag, v.orgwide].filter((x) => x !== undefined).length === 1, {
    message: 'Give exactly one target: streams, tag or orgwide.',
    path: ['target'],
  });

export const verifyPlaybackSchema = z.object({ token: z.string().min(10).max(4096) });
