import { z } from 'zod';
import { lineText, textProblem } from './text';

export const emailField = lineText({
  max: 254,
  required: 'Enter your email address.',
  tooLong: 'That email address is too long.',
})
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
  .meta({ format: 'email' });

// Passwords keep their spaces, but refuse control characters like any text: they could
// not be typed again on another device.
export const newPasswordField = lineText({
  min: 12,
  max: 200,
  trim: false,
  required: 'Choose a password.',
  tooShort: 'Use at least 12 characters.',
});

export const signUpSchema = z.object({
  email: emailField,
  password: newPasswordField,
  organisationName: lineText({ max: 80 })
    .optional()
    .transform((v) => v || undefined),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: lineText({ min: 1, max: 200, trim: false, required: 'Enter your password.' }),
});

const SAME_SITE_PATH = /^\/(?!\/)[^\\\s]*$/;

/**
 * Only same-site paths of printable characters are followed after sign-in; anything else
 * (another site, a control character, a repeated parameter) goes home.
 */
export const returnPathSchema = z
  .unknown()
  .transform((v) =>
    typeof v === 'string' && SAME_SITE_PATH.test(v) && !textProblem(v) ? v : '/organisation',
  );

/** "Forgot password?": the address to send the link to. */
export const forgotPasswordSchema = z.object({ email: emailField });

/** The token of a link sent by mail: 43 URL-safe characters (lib/credentials.ts). */
export const mailTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const resetPasswordSchema = z.object({
  token: mailTokenSchema,
  password: newPasswordField,
});

/** A change of the account's address: the new one, and the current password. */
export const changeEmailSchema = z.object({
  email: emailField,
  password: lineText({ min: 1, max: 200, trim: false, required: 'Enter your current password.' }),
});
