import { z } from 'zod';
import { lineText } from './text';

/** The organisation's webhook: an http(s) URL, or empty to remove it. */
export const webhookSchema = z.object({
  webhookUrl: lineText({ max: 2000 })
    .transform((v) => v || null)
    .pipe(
      z
        .url({
          protocol: /^https?$/,
          error: 'Enter an http(s) URL, or leave it empty to remove the webhook.',
        })
        .nullable(),
    ),
});
