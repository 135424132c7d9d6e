import { z } from 'zod';
import {
  STREAM_NAME_MAX,
  STREAM_PAGE_SIZE,
  TAG_NAME_MAX,
  TAGS_PER_STREAM_MAX,
} from './stream-limits';
import { lineText, printable } from './text';

/** States a list can be filtered by; deleted streams are never listed. */
export const LISTED_STREAM_STATES = ['created', 'live', 'ended', 'locked'] as const;
export type ListedStreamState = (typeof LISTED_STREAM_STATES)[number];

export * from './stream-limits';

const TAG_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;
const TAG_NAME_RULE =
  'Use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.';

/** A tag name as typed: trimmed, 1–40 characters. Unique per organisation, ignoring case. */
export const tagNameSchema = lineText({
  min: 1,
  max: TAG_NAME_MAX,
  required: 'Enter a tag name.',
}).regex(TAG_NAME_PATTERN, TAG_NAME_RULE);

export const streamNameSchema = lineText({
  min: 1,
  max: STREAM_NAME_MAX,
  required: 'Enter a stream name.',
});

/**
 * Tag names as an array (API) or one comma-separated string (form field). Blank entries
 * are dropped and duplicates (ignoring case) collapse to the first spelling. Every error
 * is reported on `tags` itself, naming the offending entry, so a form shows it in place.
 * The entries are checked one by one for that message, so the schema tells the API's
 * document what each must be (`meta`).
 */
export const tagListSchema = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.split(',') : v),
    z
      .array(z.string({ error: 'Tags must be text.' }), {
        error: (issue) =>
          issue.input === undefined || issue.input === null
            ? 'Give the tags: a list of names (an empty list for none).'
            : 'Tags must be a list of names.',
      })
      .transform((names, ctx) => {
        const seen = new Map<string, string>();
        for (const raw of names) {
          const trimmed = raw.trim();
          if (!trimmed) continue;
          const parsed = tagNameSchema.safeParse(trimmed);
          if (!parsed.success) {
            ctx.addIssue({
              code: 'custom',
              message: `“${printable(trimmed, 50)}”: ${parsed.error.issues[0]?.message}`,
            });
            return z.NEVER;
          }
          const key = parsed.data.toLowerCase();
          if (!seen.has(key)) seen.set(key, parsed.data);
        }
        if (seen.size > TAGS_PER_STREAM_MAX) {
          ctx.addIssue({ code: 'custom', message: `Use at most ${TAGS_PER_STREAM_MAX} tags.` });
          return z.NEVER;
        }
        return [...seen.values()];
      }),
  )
  .meta({
    type: 'array',
    items: {
      type: 'string',
      minLength: 1,
      maxLength: TAG_NAME_MAX,
      pattern: TAG_NAME_PATTERN.source,
    },
    maxItems: TAGS_PER_STREAM_MAX,
    description: 'Tag names; duplicates (ignoring case) count once.',
  });

export const streamIdSchema = z.uuid({ error: 'Unknown stream.' });
export const tagIdSchema = z.uuid({ error: 'Unknown tag.' });

export const createStreamSchema = z.object({
  name: streamNameSchema,
  tags: tagListSchema.default([]),
});

export const streamTargetSchema = z.object({ streamId: streamIdSchema });

// Replacing a set needs the set: without a list nothing changes; an empty list is the
// empty set. (The dashboard's form always sends its list, empty or not.)
export const setStreamTagsSchema = z.object({ streamId: streamIdSchema, tags: tagListSchema });

export const createTagSchema = z.object({ name: tagNameSchema });
export const renameTagSchema = z.object({ tagId: tagIdSchema, name: tagNameSchema });
export const tagTargetSchema = z.object({ tagId: tagIdSchema });

/** An empty URL parameter means "not given". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * The stream list's query (?state=&tag=&cursor=&size=), from the page's URL or the API.
 * Unlike the user list it is strict: a bad value is reported, not silently replaced, so an
 * API client learns about a typo instead of getting unfiltered results. `size` is the page
 * size, as on every list; `limit`, its first name, is still read when `size` is absent.
 */
export const streamListQuerySchema = z.preprocess(
  (q) =>
    q && typeof q === 'object' && !('size' in q) && 'limit' in q
      ? { ...q, size: (q as { limit: unknown }).limit }
      : q,
  z.object({
    state: z.preprocess(
      blank,
      z
        .enum(LISTED_STREAM_STATES, {
          error: `Filter by one of: ${LISTED_STREAM_STATES.join(', ')}.`,
        })
        .optional(),
    ),
    tag: z.preprocess(blank, tagNameSchema.optional()),
    cursor: z.preprocess(
      blank,
      lineText({
        max: 200,
        tooLong: 'This page link is not valid. Start from the first page.',
      }).optional(),
    ),
    size: z.preprocess(
      blank,
      z.coerce
        .number({ error: 'Enter a number of streams per page.' })
        .int('Enter a whole number of streams per page.')
        .min(1, `Choose from 1 to ${STREAM_PAGE_SIZE.max} streams per page.`)
        .max(STREAM_PAGE_SIZE.max, `Choose from 1 to ${STREAM_PAGE_SIZE.max} streams per page.`)
        .default(STREAM_PAGE_SIZE.default),
    ),
  }),
);
export type StreamListQuery = z.output<typeof streamListQuerySchema>;
