import { z } from 'zod';

/** A keyset cursor in a URL (lib/services/keyset.ts); anything else is no cursor. */
export const cursorParam = z
  .string()
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .catch(undefined);
